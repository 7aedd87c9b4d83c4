#!/usr/bin/env bash
# Figures at scale (issue 20): seeds N demo reports (db seed-demo) into a scratch SQLite file and/or a private,
# throwaway MariaDB, then times the figure surfaces in process (Bot.Benchmarks `scale`): 谁还没汇报 month and year,
# a leader's scorecard, the board `/`, RSS after the board, the month and year digests; then the board over HTTP in a
# running Bot.Host (signed in as a viewer) and that host's RSS. Prints markdown tables.
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
  host_board "${args[@]}"
}

# The board in the real host: starts Bot.Host against the seeded database with one viewer account, signs in as a
# browser does (GET /login for the anti-forgery cookie and field, POST /login), requests / seven times over HTTP and
# reads the host process's VmRSS and VmHWM from /proc. Prints two more table rows.
host_board() {
  local port=$((20000 + RANDOM % 20000)) password=scale-board-password hash pid jar=$work/cookies base token times
  base=http://127.0.0.1:$port
  hash=$(echo "$password" | dotnet "$host" dashboard hash-password --iterations 10000 2>/dev/null | tail -1)
  dotnet "$host" --urls "$base" --Schedule:Enabled=false "$@" --Dashboard:Users:0:Name=scale \
    --Dashboard:Users:0:PasswordHash="$hash" --Dashboard:Users:0:Role=viewer >"$work/host.log" 2>&1 &
  pid=$!
  for _ in $(seq 120); do curl -sf -o /dev/null "$base/healthz" && break; sleep 1; done
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode username=scale \
    --data-urlencode "password=$password" --data-urlencode returnUrl=/ "$base/login"
  curl -s -o /dev/null -b "$jar" "$base/" # warm-up
  times=$(for _ in $(seq 7); do curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total} %{size_download}\n' "$base/"; done)
  local codes median slowest size
  codes=$(echo "$times" | cut -d' ' -f1 | sort -u | tr '\n' ' ')
  median=$(echo "$times" | cut -d' ' -f2 | sort -n | sed -n 4p)
  slowest=$(echo "$times" | cut -d' ' -f2 | sort -n | tail -1)
  size=$(echo "$times" | cut -d' ' -f3 | tail -1)
  echo "| host: board \`/\` over HTTP, signed in (HTML included) | $(awk "BEGIN{printf \"%.1f\", $median*1000}") ms | $(awk "BEGIN{printf \"%.1f\", $slowest*1000}") ms | HTTP ${codes}, $size bytes | $(cut -d' ' -f1 /proc/loadavg) |"
  echo "| host RSS after the board (VmRSS of Bot.Host) | $(awk '/VmRSS/{printf "%.0f", $2/1024}' /proc/$pid/status) MiB | peak (VmHWM) $(awk '/VmHWM/{printf "%.0f", $2/1024}' /proc/$pid/status) MiB | pid $pid | $(cut -d' ' -f1 /proc/loadavg) |"
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
}

if [ "$which" != mariadb ]; then
  run Sqlite "Data Source=$work/scale-$reports.db" "$@"
fi
if [ "$which" != sqlite ]; then
  # A fresh instance each run (only the SQLite file is reused with TIEXIBOT_SCALE_KEEP).
  rm -rf "$work/data" "$work"/MySql-*.seeded
  # Its own temporary folder: the rollup rebuild spills large temporary tables, and /tmp is shared with other servers.
  mkdir -p "$work/tmp"
  TIEXIBOT_MARIADB_ARGS="${TIEXIBOT_MARIADB_ARGS:-} --tmpdir=$work/tmp"
  start_private_mariadb || exit 1
  mariadb --socket="$work/sock" -uroot -e "CREATE DATABASE IF NOT EXISTS tiexibot_scale CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  run MySql "${MARIADB_ADMIN/Database=mysql/Database=tiexibot_scale}" "$@"
fi
