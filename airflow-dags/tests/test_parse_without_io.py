"""Parsing a DAG file does no I/O: no file, directory, network, subprocess, Variable or Connection.

The DAG processor parses every file again and again, so anything a DAG file reads at parse time
is read every few seconds, and anything that can fail there breaks the whole DAG. The check uses
Python's audit hooks (PEP 578), which see every file opened, directory listed, socket connected
and process started, whichever library does it. A file is executed once first so that its
imports are loaded (importing reads module files, which is the interpreter's business, not the
DAG's); the second execution, the one a warm DAG processor does, must raise no audit event.
"""

from __future__ import annotations

import os
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest
from airflow.sdk import BaseHook, Connection, Variable

from conftest import DAGS_FOLDER

# Audit events that mean I/O (https://docs.python.org/3/library/audit_events.html).
IO_EVENTS = (
    "open",
    "os.listdir",
    "os.scandir",
    "os.mkdir",
    "os.remove",
    "os.rename",
    "os.truncate",
    "os.chmod",
    "glob.glob",
    "shutil.",
    "socket.",
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "sqlite3.connect",
    "urllib.Request",
    "http.client.",
    "ftplib.",
    "smtplib.",
)

_recording: list | None = None


def _audit(event: str, args: tuple) -> None:
    if _recording is not None and event.startswith(IO_EVENTS):
        _recording.append((event, args))


sys.addaudithook(_audit)  # audit hooks cannot be removed; it records only inside io_recorded()


@contextmanager
def io_recorded():
    """Collects the I/O events raised inside the block."""
    global _recording
    _recording = []
    try:
        yield _recording
    finally:
        _recording = None


def _refuse(what: str):
    def refuse(*args, **kwargs):
        raise AssertionError(f"{what} at parse time: {args}")

    return refuse


DAG_FILES = sorted(p for p in DAGS_FOLDER.glob("*.py"))


def run_dag_file(code, path: Path) -> dict:
    namespace = {"__name__": f"parse_check_{path.stem}", "__file__": str(path)}
    exec(code, namespace)
    return namespace


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_parsing_does_no_io(path, monkeypatch):
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    for target in (Variable, Connection):
        monkeypatch.setattr(target, "get", staticmethod(_refuse(f"{target.__name__}.get")))
    monkeypatch.setattr(BaseHook, "get_connection", classmethod(_refuse("BaseHook.get_connection")))
    run_dag_file(code, path)  # loads the imports

    # os.path.exists, Path.is_file and friends raise no audit event.
    monkeypatch.setattr(os, "stat", _refuse("os.stat"))
    with warnings.catch_warnings(), io_recorded() as events:
        # A warning would be formatted with its source line, read from disk: not the DAG's I/O.
        warnings.simplefilter("ignore")
        namespace = run_dag_file(code, path)

    assert events == [], f"{path.name} does I/O when parsed: {events}"
    assert namespace["dag"].dag_id == path.stem


def test_the_recorder_sees_io(tmp_path):
    """The check above would notice a DAG file that reads something."""
    with io_recorded() as events:
        (tmp_path / "x").write_text("x")
        os.listdir(tmp_path)
    assert [event for event, _ in events] == ["open", "os.listdir"]
