#!/usr/bin/env bash
# Micro-benchmarks (BenchmarkDotNet, in process, 3 warm-ups and 10 iterations each) on SQLite and on a private,
# throwaway MariaDB: callback crypto and parsing, the inbox worker on a report message, and "谁还没汇报" on a year of
# data (500 members, 100,000 reports).
# Usage: bash scripts/bench.sh [BenchmarkDotNet options, default --filter '*']
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/private-mariadb.sh

work=$(mktemp -d /tmp/tiexibot-bench.XXXXXX)
MARIADB_PID=""
cleanup() {
  [ -n "$MARIADB_PID" ] && kill "$MARIADB_PID" 2>/dev/null && wait "$MARIADB_PID" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build Bot.Benchmarks/Bot.Benchmarks.csproj -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
start_private_mariadb || exit 1
export TIEXIBOT_BENCH_MYSQL="$MARIADB_ADMIN"
[ $# -eq 0 ] && set -- --filter '*'
dotnet Bot.Benchmarks/bin/Release/net10.0/Bot.Benchmarks.dll "$@"
