"""Reads a local Delta table's current snapshot with pyarrow, for test assertions.

Replays the transaction log (the latest checkpoint, then the JSON commits after it) to find the
live data files and reads those. Enough for the tables the jobs write in a test; tables with
deletion vectors or column mapping are refused rather than misread.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.parquet as pq

_COMMIT = re.compile(r"^(\d{20})\.json$")


def _checkpoint_actions(log: Path) -> tuple[int, list[dict]]:
    last = log / "_last_checkpoint"
    if not last.exists():
        return -1, []
    version = json.loads(last.read_text())["version"]
    parts = sorted(log.glob(f"{version:020d}.checkpoint*.parquet"))
    if not parts:
        raise ValueError(f"{last} names checkpoint {version}, whose files are missing")
    actions = []
    for part in parts:
        for row in pq.read_table(part, columns=["add", "remove"]).to_pylist():
            actions.extend({kind: row[kind]} for kind in ("add", "remove") if row.get(kind))
    return version, actions


def live_files(table: Path) -> list[Path]:
    """The data files of the table's latest version."""
    log = table / "_delta_log"
    if not log.is_dir():
        raise FileNotFoundError(f"{table} is not a Delta table: no _delta_log")
    version, actions = _checkpoint_actions(log)
    commits = sorted(
        (int(m.group(1)), f)
        for f in log.iterdir()
        if (m := _COMMIT.match(f.name)) and int(m.group(1)) > version
    )
    for _, commit in commits:
        actions.extend(json.loads(line) for line in commit.read_text().splitlines() if line.strip())
    files: dict[str, dict] = {}
    for action in actions:
        if "metaData" in action:
            mode = action["metaData"].get("configuration", {}).get("delta.columnMapping.mode", "none")
            if mode != "none":
                raise NotImplementedError(f"{table}: column mapping '{mode}' is not supported here")
        elif "add" in action:
            add = action["add"]
            if add.get("deletionVector"):
                raise NotImplementedError(f"{table}: deletion vectors are not supported here")
            files[add["path"]] = add
        elif "remove" in action:
            files.pop(action["remove"]["path"], None)
    return [table / unquote(path) for path in sorted(files)]


def read_table(table: Path) -> pa.Table:
    """The rows of the table's latest version (partition columns are not added back)."""
    paths = live_files(table)
    if not paths:
        return pa.table({})
    return pa.concat_tables([pq.read_table(path) for path in paths], promote_options="default")
