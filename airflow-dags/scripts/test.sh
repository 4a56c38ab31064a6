#!/usr/bin/env bash
# Runs every test of the Airflow part: installs the venv if needed, checks lint and format, starts
# the local Airflow, runs pytest (unit tests, then the end-to-end tests against the running
# Airflow), and always stops Airflow again. Exits with pytest's status. Extra arguments go to
# pytest, e.g. `scripts/test.sh -k nightly`. The tests that need neither Airflow nor a Spark
# cluster, in seconds:
#
#   cd airflow-dags && .venv/bin/python -m pytest -m "not e2e and not cluster"
#
# On failure the Airflow home (logs, warehouse) is kept and its path printed.
set -euo pipefail

SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The tests' data holds no real customers: the jobs they run use this salt unless one is set.
export PCX_PII_SALT="${PCX_PII_SALT:-partner-cx-test-salt}"
"$SCRIPTS/install.sh"
source "$SCRIPTS/airflow-env.sh"

cd "$PCX_DAGS_PROJECT"
echo "== ruff: lint and format of dags/ and tests/"
ruff check --quiet dags tests && ruff format --check --quiet dags tests \
  || { echo "test.sh: fix the findings above ('ruff format dags tests' formats)" >&2; exit 1; }

status=1
finish() {
  if [ "$status" -eq 0 ]; then
    "$SCRIPTS/stop.sh"
  else
    "$SCRIPTS/stop.sh" --keep
    echo "test.sh: tests failed; Airflow's logs are in $PCX_AIRFLOW_HOME/logs" >&2
  fi
}
trap finish EXIT
trap 'exit 130' INT TERM

"$SCRIPTS/start.sh"
# The end-to-end tests must not skip silently because Airflow went away.
export PCX_E2E_REQUIRED=1
set +e
"$PCX_AIRFLOW_VENV/bin/python" -m pytest "$@"
status=$?
set -e
exit "$status"
