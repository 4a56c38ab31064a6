#!/usr/bin/env bash
# Starts a local Airflow 3 for the DAGs in airflow-dags/dags: api-server, scheduler (LocalExecutor)
# and dag-processor on 127.0.0.1, a fresh SQLite database in PCX_AIRFLOW_HOME, the simple auth
# manager with admin/admin. Returns once /api/v2/monitor/health reports the scheduler and the
# dag processor healthy. Settings: scripts/airflow-env.sh. Stop with scripts/stop.sh.
#
# Each component runs in its own process group (setsid), whose id is recorded in
# PCX_AIRFLOW_HOME/run/<component>.pid, so stop.sh also ends the task processes and the Spark
# JVMs they started. Running it while the same Airflow is up and healthy does nothing.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/airflow-env.sh"
TIMEOUT="${PCX_AIRFLOW_START_TIMEOUT:-240}"
RUN_DIR="$PCX_AIRFLOW_HOME/run"
LOG_DIR="$PCX_AIRFLOW_HOME/logs"
COMPONENTS=(api-server scheduler dag-processor)

START=$SECONDS
say() { printf '[start %3ds] %s\n' "$((SECONDS - START))" "$*"; }
die() { printf 'start.sh: %s\n' "$*" >&2; exit 1; }

[ -x "$PCX_AIRFLOW_VENV/bin/airflow" ] || die "no Airflow in $PCX_AIRFLOW_VENV: run scripts/install.sh first."
command -v java >/dev/null 2>&1 || die "java not found: spark-submit needs a Java 17 runtime on PATH."

# Prints the health document's verdict: "ok", or what is still missing.
health() {
  local document
  document=$(curl -fsS --max-time 5 "$PCX_AIRFLOW_URL/api/v2/monitor/health" 2>/dev/null) || { echo "no answer"; return; }
  python3 -c '
import json, sys
health = json.loads(sys.argv[1])
missing = [c for c in ("metadatabase", "scheduler", "dag_processor")
           if (health.get(c) or {}).get("status") != "healthy"]
print("ok" if not missing else "waiting for " + ", ".join(missing))
' "$document" 2>/dev/null || echo "unreadable answer"
}

alive() { [ -f "$RUN_DIR/$1.pid" ] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

all_alive() {
  local c
  for c in "${COMPONENTS[@]}"; do alive "$c" || return 1; done
}

if all_alive && [ "$(health)" = ok ]; then
  say "already running at $PCX_AIRFLOW_URL (AIRFLOW_HOME=$PCX_AIRFLOW_HOME)"
  exit 0
fi
if ls "$RUN_DIR"/*.pid >/dev/null 2>&1; then
  say "a previous start left processes or PID files behind: stopping it first"
  "$(dirname "${BASH_SOURCE[0]}")/stop.sh"
fi
if curl -s --max-time 2 -o /dev/null "$PCX_AIRFLOW_URL/"; then
  die "port $PCX_AIRFLOW_PORT on 127.0.0.1 is taken by another program: stop it or set PCX_AIRFLOW_PORT."
fi

# A fresh home each time: a new database, no runs or logs of an earlier start.
rm -rf "$PCX_AIRFLOW_HOME"
mkdir -p "$RUN_DIR" "$LOG_DIR"
printf '{"%s": "%s"}\n' "$PCX_AIRFLOW_USERNAME" "$PCX_AIRFLOW_PASSWORD" > "$AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"

say "creating the metadata database (SQLite) in $PCX_AIRFLOW_HOME"
airflow db migrate > "$LOG_DIR/db-migrate.log" 2>&1 \
  || { tail -n 30 "$LOG_DIR/db-migrate.log" >&2; die "airflow db migrate failed (log: $LOG_DIR/db-migrate.log)"; }

for component in "${COMPONENTS[@]}"; do
  args=("$component")
  # Task logs are files under AIRFLOW_HOME, read by the api-server directly; the scheduler's log
  # server would listen on every interface (port 8793), so it is not started.
  [ "$component" = scheduler ] && args+=(--skip-serve-logs)
  # setsid makes the component the leader of a new process group: stop.sh signals the group.
  setsid airflow "${args[@]}" > "$LOG_DIR/$component.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$component.pid"
  say "started $component (pid $!, log $LOG_DIR/$component.log)"
done

show_logs() {
  local c
  for c in "${COMPONENTS[@]}"; do
    printf '\n--- last lines of %s.log%s ---\n' "$c" "$(alive "$c" || echo ' (process has exited)')" >&2
    tail -n 25 "$LOG_DIR/$c.log" >&2 || true
  done
}

say "waiting for $PCX_AIRFLOW_URL/api/v2/monitor/health (timeout ${TIMEOUT}s)"
deadline=$((SECONDS + TIMEOUT))
state=""
while true; do
  state=$(health)
  [ "$state" = ok ] && break
  for c in "${COMPONENTS[@]}"; do
    alive "$c" || { show_logs; "$(dirname "${BASH_SOURCE[0]}")/stop.sh" --keep >&2; die "$c exited during start-up (see its log above)"; }
  done
  if [ "$SECONDS" -ge "$deadline" ]; then
    show_logs
    "$(dirname "${BASH_SOURCE[0]}")/stop.sh" --keep >&2
    die "Airflow was not healthy after ${TIMEOUT}s ($state); logs kept in $LOG_DIR"
  fi
  sleep 2
done
say "Airflow is up: $PCX_AIRFLOW_URL (user $PCX_AIRFLOW_USERNAME, password $PCX_AIRFLOW_PASSWORD), AIRFLOW_HOME=$PCX_AIRFLOW_HOME"
