#!/usr/bin/env bash
# Load test of TieXiBot on this machine, everything on 127.0.0.1:
#   a private, throwaway MariaDB, the bot built in Release and run as `dotnet Bot.Host.dll`, a fake WeCom/DingTalk
#   reply server and the load driver (Bot.Benchmarks `load`), which sends signed WeCom intelligent-robot and DingTalk
#   callbacks at the given rate, waits for the bot to drain and checks that every accepted message was stored once and
#   answered once. Tears everything down at the end.
# Usage: bash scripts/load.sh [--rate 500] [--seconds 60] [--rates 250,500,750] [other Bot.Benchmarks load options]
# Faults under load: --kill-at 10 (SIGKILL the host 10 s into each run and start it again), --outage-at 20
# --outage-seconds 10 (SIGKILL MariaDB 20 s in, start it again 10 s later); use --retries 60 so that callbacks refused
# meanwhile are delivered again, as the platforms do.
# --sqlite: the embedded default instead (a temporary SQLite file, no MariaDB; no statement count: SQLite has no
# server-side counter).
# TIEXIBOT_LOAD_DIGESTS=1: MariaDB runs with performance_schema and the statements that took the most server time
# (per digest: count, total and mean ms, rows examined) are printed after the run — where the database time goes.
# Exit code 0 when nothing was lost, duplicated or rejected.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/private-mariadb.sh

work=$(mktemp -d /tmp/tiexibot-load.XXXXXX)
MARIADB_PID=""
cleanup() {
  [ -n "$MARIADB_PID" ] && kill "$MARIADB_PID" 2>/dev/null && wait "$MARIADB_PID" 2>/dev/null
  # A server restarted by the outage run (scripts/lib/mariadb-control.sh) is not our child: stop it by its pid file.
  [ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null && sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building (Release) ..." >&2
dotnet build Bot.Benchmarks/Bot.Benchmarks.csproj -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
# The thread pool's spinning only burns CPU that a 2-core machine running the bot, MariaDB and the driver lacks.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}

args=()
sqlite=0
for a in "$@"; do
  if [ "$a" = "--sqlite" ]; then sqlite=1; else args+=("$a"); fi
done
if [ "$sqlite" = 1 ]; then
  dotnet Bot.Benchmarks/bin/Release/net10.0/Bot.Benchmarks.dll load \
    --host-log "${TIEXIBOT_LOAD_HOST_LOG:-$work/host.log}" "${args[@]}"
  exit $?
fi

if [ "${TIEXIBOT_LOAD_DIGESTS:-0}" = 1 ]; then
  export TIEXIBOT_MARIADB_ARGS="${TIEXIBOT_MARIADB_ARGS:-} --performance-schema=ON"
fi
start_private_mariadb || exit 1
# For --outage-at: the driver stops and starts this instance with scripts/lib/mariadb-control.sh.
export TIEXIBOT_DB_WORK="$work" TIEXIBOT_DB_PORT="$MARIADB_PORT"
dotnet Bot.Benchmarks/bin/Release/net10.0/Bot.Benchmarks.dll load --mysql "$MARIADB_ADMIN" --db-pid "$MARIADB_PID" \
  --host-log "${TIEXIBOT_LOAD_HOST_LOG:-$work/host.log}" "${args[@]}"
status=$?
if [ "${TIEXIBOT_LOAD_DIGESTS:-0}" = 1 ]; then
  echo "Statements by server time (performance_schema, whole session incl. warm-up):"
  mariadb --socket="$work/sock" -uroot --table -e "
    SELECT COUNT_STAR AS calls, ROUND(SUM_TIMER_WAIT/1e9) AS total_ms, ROUND(AVG_TIMER_WAIT/1e6) AS mean_us,
           SUM_ROWS_EXAMINED AS rows_examined, LEFT(DIGEST_TEXT, 150) AS statement
    FROM performance_schema.events_statements_summary_by_digest ORDER BY SUM_TIMER_WAIT DESC LIMIT 25"
fi
exit $status
