#!/usr/bin/env bash
# Stops the local Airflow that start.sh started, with every process it started: the components,
# their workers, the task processes and the Spark JVMs those run. Then removes PCX_AIRFLOW_HOME.
#
#   scripts/stop.sh          stop and remove the home (database, logs, warehouse of the tests)
#   scripts/stop.sh --keep   stop but keep the home, e.g. to read the logs of a failed test
#
# Safe to run when nothing is running.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/airflow-env.sh"
RUN_DIR="$PCX_AIRFLOW_HOME/run"
GRACE="${PCX_AIRFLOW_STOP_GRACE:-20}"
keep=false
[ "${1:-}" = --keep ] && keep=true

say() { printf '[stop] %s\n' "$*"; }

# The process groups of the recorded groups' members and of all their descendants. Each component
# leads a group of its own (start.sh uses setsid), but Airflow moves every task process into a
# new group, so signalling the components' groups alone would leave running Spark jobs behind.
our_groups() {
  ps -eo pid=,ppid=,pgid= | awk -v roots="$*" '
    BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) root[r[i]] = 1 }
    { parent[$1] = $2; group[$1] = $3; if ($3 in root) ours[$1] = 1 }
    END {
      do {
        grew = 0
        for (p in parent) if (!(p in ours) && (parent[p] in ours)) { ours[p] = 1; grew = 1 }
      } while (grew)
      for (p in ours) print group[p]
    }' | sort -un
}

alive() {
  local g
  for g in "$@"; do kill -0 -- "-$g" 2>/dev/null && return 0; done
  return 1
}

recorded=()
for pid_file in "$RUN_DIR"/*.pid; do
  [ -f "$pid_file" ] || continue
  pgid=$(cat "$pid_file")
  if [[ "$pgid" =~ ^[0-9]+$ ]] && kill -0 -- "-$pgid" 2>/dev/null; then
    say "stopping $(basename "$pid_file" .pid) (process group $pgid)"
    recorded+=("$pgid")
  fi
done

if [ "${#recorded[@]}" -eq 0 ]; then
  say "nothing running"
else
  mapfile -t groups < <(our_groups "${recorded[@]}")
  # Tasks first, so that they end while their supervisors can still report it, then the components.
  for g in "${groups[@]}"; do
    [[ " ${recorded[*]} " == *" $g "* ]] || kill -TERM -- "-$g" 2>/dev/null || true
  done
  for g in "${recorded[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  deadline=$((SECONDS + GRACE))
  while alive "${groups[@]}" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
  if alive "${groups[@]}"; then
    say "still running after ${GRACE}s: killing"
    # Groups that appeared meanwhile (a task started during shutdown) are included.
    mapfile -t late < <(our_groups "${groups[@]}")
    for g in "${groups[@]}" "${late[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
  fi
  say "stopped"
fi
rm -f "$RUN_DIR"/*.pid

if $keep; then
  say "kept $PCX_AIRFLOW_HOME"
else
  rm -rf "$PCX_AIRFLOW_HOME"
fi
