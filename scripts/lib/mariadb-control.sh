#!/usr/bin/env bash
# Stops or starts the private MariaDB of scripts/load.sh, for the outage run of the load driver (`--outage-at`).
# Usage: bash scripts/lib/mariadb-control.sh stop|start   with TIEXIBOT_DB_WORK (the instance's folder) and
# TIEXIBOT_DB_PORT set by scripts/load.sh. `stop` kills the server with SIGKILL (a crash, not a clean shutdown);
# `start` starts it again on the same data directory and port and waits until it answers.
set -uo pipefail
work=${TIEXIBOT_DB_WORK:?TIEXIBOT_DB_WORK is not set}
port=${TIEXIBOT_DB_PORT:?TIEXIBOT_DB_PORT is not set}
PATH="$PATH:/usr/sbin"
. "$(dirname "$0")/private-mariadb.sh"
case "${1:-}" in
  stop)
    pid=$(cat "$work/pid" 2>/dev/null) || { echo "no pid file in $work" >&2; exit 1; }
    kill -9 "$pid" && while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    ;;
  start)
    # Detached from this script: the server outlives it; scripts/load.sh stops it by its pid file.
    launch_private_mariadbd "$port" || exit 1
    disown "$MARIADB_PID" 2>/dev/null || true
    ;;
  *) echo "usage: $0 stop|start" >&2; exit 2 ;;
esac
