"""The outcome a ``pcx`` command recorded for itself in the warehouse's ``ops/runs``.

Every stage command ends by appending one row of stage ``command`` under its run id (the
``--run-id`` the task passes): ``succeeded``, ``held`` (the quality gate held the stage back) or
``failed``, with the exit code and why. The exit code of ``spark-submit`` does not carry that in
every deploy mode (cluster mode on YARN, Kubernetes or a standalone master reports only whether
the driver failed), so the tasks judge a run by this row.

Reading needs the ``deltalake`` package and read access to the warehouse from the Airflow worker:
a local or mounted path, or an object store (``s3://``/``s3a://``, ``abfss://``, ``gs://``) with
credentials from the environment (``AWS_*``, ``AZURE_*``, ``GOOGLE_*``) or the Variable
``pcx_storage_options`` (a JSON object of delta-rs storage options).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

#: The stage of the row that closes a command.
COMMAND_STAGE = "command"

#: Outcomes a command records.
SUCCEEDED, HELD, FAILED = "succeeded", "held", "failed"


@dataclass(frozen=True)
class Outcome:
    """How one command ended, as it recorded it."""

    outcome: str
    exit_code: int | None
    message: str | None


def runs_table(warehouse: str) -> str:
    """The URI of ops/runs under a warehouse root, in the form delta-rs reads."""
    root = warehouse.rstrip("/")
    for hadoop, native in (("s3a://", "s3://"), ("s3n://", "s3://")):
        if root.startswith(hadoop):
            root = native + root[len(hadoop) :]
    if root.startswith("file:"):
        root = root.removeprefix("file://") if root.startswith("file://") else root.removeprefix("file:")
    return posixpath.join(root, "ops", "runs")


def read_outcome(
    warehouse: str, run_id: str, storage_options: Mapping[str, str] | None = None
) -> Outcome | None:
    """The outcome recorded under ``run_id``, or None when the run recorded none (or no runs at all).

    Raises what delta-rs raises when the table exists but cannot be read (no access, no network).
    """
    import pyarrow.dataset as ds
    from deltalake import DeltaTable
    from deltalake.exceptions import TableNotFoundError

    try:
        table = DeltaTable(runs_table(warehouse), storage_options=dict(storage_options or {}))
    except TableNotFoundError:
        return None
    rows = (
        table.to_pyarrow_dataset()
        .to_table(
            columns=["params", "outcome", "message", "finished_at"],
            filter=(ds.field("run_id") == run_id) & (ds.field("stage") == COMMAND_STAGE),
        )
        .to_pylist()
    )
    if not rows:
        return None
    # A task's run id is unique per try; should a command be re-run under the same id, the last
    # row is its latest word.
    last = max(rows, key=lambda row: row["finished_at"])
    params = dict(last["params"] or [])
    code = params.get("exit_code")
    return Outcome(last["outcome"], int(code) if code is not None else None, last["message"])
