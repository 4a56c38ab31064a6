# Environment of the local Airflow that start.sh runs and the tests talk to. Sourced, not run:
#
#   source airflow-dags/scripts/airflow-env.sh && airflow dags list
#
# Everything is configured through environment variables, so nothing outside AIRFLOW_HOME is
# written and the same settings reach every component and every task process.
# Overridable: PCX_AIRFLOW_VENV, PCX_AIRFLOW_HOME, PCX_AIRFLOW_PORT, PCX_SPARK_MASTER, PCX_JAR,
# PCX_AIRFLOW_SCHEDULES, PCX_AIRFLOW_EXTRA_DAGS.

PCX_DAGS_PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PCX_REPO="$(cd "$PCX_DAGS_PROJECT/.." && pwd)"
export PCX_AIRFLOW_VENV="${PCX_AIRFLOW_VENV:-$PCX_DAGS_PROJECT/.venv}"
export PCX_AIRFLOW_HOME="${PCX_AIRFLOW_HOME:-$PCX_DAGS_PROJECT/.airflow-home}"
export PCX_AIRFLOW_PORT="${PCX_AIRFLOW_PORT:-28080}"
export PCX_AIRFLOW_URL="http://127.0.0.1:$PCX_AIRFLOW_PORT"
# Test credentials of the simple auth manager (role admin); start.sh writes the password file.
export PCX_AIRFLOW_USERNAME=admin
export PCX_AIRFLOW_PASSWORD=admin

# The venv's bin holds airflow and pyspark's spark-submit, which the Spark provider looks up on PATH.
export PATH="$PCX_AIRFLOW_VENV/bin:$PATH"
export AIRFLOW_HOME="$PCX_AIRFLOW_HOME"
export AIRFLOW__CORE__DAGS_FOLDER="$PCX_DAGS_PROJECT/dags"
# DAG bundles: dags/ as "dags-folder", plus one bundle per folder listed in PCX_AIRFLOW_EXTRA_DAGS
# (colon-separated, e.g. airflow-dags/client_test_dags for the Java client's tests), named after
# the folder.
pcx_bundles='{"name": "dags-folder", "classpath": "airflow.dag_processing.bundles.local.LocalDagBundle", "kwargs": {}}'
IFS=: read -ra pcx_extra_dags <<< "${PCX_AIRFLOW_EXTRA_DAGS:-}"
for pcx_folder in "${pcx_extra_dags[@]}"; do
  [ -n "$pcx_folder" ] || continue
  pcx_folder=$(realpath -m "$pcx_folder")
  pcx_bundles+=", {\"name\": \"$(basename "$pcx_folder")\", \"classpath\": \"airflow.dag_processing.bundles.local.LocalDagBundle\", \"kwargs\": {\"path\": \"$pcx_folder\"}}"
done
export AIRFLOW__DAG_PROCESSOR__DAG_BUNDLE_CONFIG_LIST="[$pcx_bundles]"
unset pcx_bundles pcx_extra_dags pcx_folder
export AIRFLOW__CORE__LOAD_EXAMPLES=False
# Airflow 3 has no SequentialExecutor; LocalExecutor runs on SQLite (as `airflow standalone` does).
export AIRFLOW__CORE__EXECUTOR=LocalExecutor
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="sqlite:///$PCX_AIRFLOW_HOME/airflow.db"
# Two cores: at most two task processes, each of which may start a Spark JVM.
export AIRFLOW__CORE__PARALLELISM=2
export AIRFLOW__CORE__AUTH_MANAGER=airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS="$PCX_AIRFLOW_USERNAME:admin"
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE="$PCX_AIRFLOW_HOME/simple_auth_manager_passwords.json"
export AIRFLOW__API_AUTH__JWT_SECRET=partner-cx-local-test-secret-not-for-production
export AIRFLOW__API__HOST=127.0.0.1
export AIRFLOW__API__PORT="$PCX_AIRFLOW_PORT"
export AIRFLOW__API__BASE_URL="$PCX_AIRFLOW_URL"
export AIRFLOW__API__WORKERS=1
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="$PCX_AIRFLOW_URL/execution/"
# By default only runs that someone triggers execute: neither the daily schedule nor asset events
# start runs, so a test never competes with a run of its own making. PCX_AIRFLOW_SCHEDULES=True
# turns both on (an unpaused partner_cx_nightly then also runs for the latest day).
export AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE="${PCX_AIRFLOW_SCHEDULES:-False}"
# Pick up new and changed DAG files quickly.
export AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=5
export AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL=10
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=True

# Spark in local mode with the venv's spark-submit; the driver binds to loopback only.
export AIRFLOW_CONN_SPARK_DEFAULT="{\"conn_type\": \"spark\", \"host\": \"${PCX_SPARK_MASTER:-local[2]}\", \"extra\": {\"deploy-mode\": \"client\"}}"
export SPARK_LOCAL_IP=127.0.0.1

# The DAGs' settings (see README): the jobs jar built by Maven and the sample data.
export AIRFLOW_VAR_PCX_JAR="${PCX_JAR:-$PCX_REPO/jobs/target/partner-cx-jobs-spark.jar}"
export AIRFLOW_VAR_PCX_JVM_OPTIONS_FILE="$(dirname "$AIRFLOW_VAR_PCX_JAR")/jvm.options"
export AIRFLOW_VAR_PCX_CONFIG="$PCX_REPO/data-samples/config"
export AIRFLOW_VAR_PCX_LANDING="$PCX_REPO/data-samples/landing"
export AIRFLOW_VAR_PCX_WAREHOUSE="$PCX_AIRFLOW_HOME/warehouse"
export AIRFLOW_VAR_PCX_REPORTS="$PCX_AIRFLOW_HOME/reports"
