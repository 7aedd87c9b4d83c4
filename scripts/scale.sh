#!/usr/bin/env bash
# Figures at scale (issue 20): seeds N demo reports (db seed-demo) into a scratch SQLite file and/or a private,
# throwaway MariaDB, then times the figure surfaces in process (Bot.Benchmarks `scale`): 谁还没汇报 month and year,
# a leader's scorecard, the board `/`, RSS after the board, the month and year digests. Prints markdown tables.
# Usage: bash scripts/scale.sh [REPORTS, default 100000] [sqlite|mariadb|both, default both] [--repeat N]
# TIEXIBOT_SCALE_KEEP=DIR keeps the seeded SQLite file in DIR (reused by a rerun with the same REPORTS).
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/private-mariadb.sh

reports=${1:-100000}
which=${2:-both}
shift $(( $# > 2 ? 2 : $# ))
work=${TIEXIBOT_SCALE_KEEP:-$(mktemp -d /tmp/tiexibot-scale.XXXXXX)}
mkdir -p "$work"
MARIADB_PID=""
cleanup() {
  [ -n "$MARIADB_PID" ] && kill "$MARIADB_PID" 2>/dev/null && wait "$MARIADB_PID" 2>/dev/null
  [ -z "${TIEXIBOT_SCALE_KEEP:-}" ] && rm -rf "$work"
}
trap cleanup EXIT

# TIEXIBOT_SCALE_NO_BUILD=1 uses the binaries already built (dotnet build TieXiBot.sln -c Release).
if [ "${TIEXIBOT_SCALE_NO_BUILD:-}" != 1 ]; then
  dotnet build Bot.Benchmarks/Bot.Benchmarks.csproj -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
fi
bin=${TIEXIBOT_SCALE_BIN:-Bot.Benchmarks/bin/Release/net10.0}  # or a folder of `dotnet build Bot.Benchmarks -c Release -o DIR`
host=$bin/Bot.Host.dll
bench=$bin/Bot.Benchmarks.dll
echo "machine: $(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version)"

run() { # provider connection-string [scale options]
  local provider=$1 args=(--Database:Provider="$1" --Database:ConnectionString="$2")
  shift 2
  if [ ! -f "$work/$provider-$reports.seeded" ]; then
    echo "## $provider: seeding $reports reports (load $(cut -d' ' -f1 /proc/loadavg))"
    /usr/bin/time -f "seed wall %e s, max RSS %M KiB" dotnet "$host" db seed-demo --reports "$reports" "${args[@]}" || return 1
    touch "$work/$provider-$reports.seeded"
  fi
  echo "## $provider, $reports reports"
  dotnet "$bench" scale "$@" "${args[@]}" 2>/dev/null
}

if [ "$which" != mariadb ]; then
  run Sqlite "Data Source=$work/scale-$reports.db" "$@"
fi
if [ "$which" != sqlite ]; then
  # A fresh instance each run (only the SQLite file is reused with TIEXIBOT_SCALE_KEEP).
  rm -rf "$work/data" "$work"/MySql-*.seeded
  start_private_mariadb || exit 1
  mariadb --socket="$work/sock" -uroot -e "CREATE DATABASE IF NOT EXISTS tiexibot_scale CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  run MySql "${MARIADB_ADMIN/Database=mysql/Database=tiexibot_scale}" "$@"
fi
