"""Test setup: an isolated AIRFLOW_HOME and the DAGs folder on sys.path, as the DAG processor has it."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

DAGS_PROJECT = Path(__file__).resolve().parents[1]
DAGS_FOLDER = DAGS_PROJECT / "dags"
REPO = DAGS_PROJECT.parent

# Before anything imports airflow: parsing must not need a configured or running Airflow, and must
# not write an airflow.cfg into the user's home.
if "AIRFLOW_HOME" not in os.environ:
    os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="pcx-airflow-test-home-")
    atexit.register(shutil.rmtree, os.environ["AIRFLOW_HOME"], ignore_errors=True)
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS_FOLDER)

# Airflow puts the DAG bundle's folder on sys.path before it parses; the DAG files import the
# partner_cx helper package from there.
if str(DAGS_FOLDER) not in sys.path:
    sys.path.insert(0, str(DAGS_FOLDER))
