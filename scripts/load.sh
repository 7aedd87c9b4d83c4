#!/usr/bin/env bash
# Load test of TieXiBot on this machine, everything on 127.0.0.1:
#   a private, throwaway MariaDB (innodb_flush_log_at_trx_commit=2, no binlog), the bot built in Release and run as
#   `dotnet Bot.Host.dll`, a fake WeCom/DingTalk reply server and the load driver (Bot.Benchmarks `load`), which sends
#   signed WeCom intelligent-robot and DingTalk callbacks at the given rate, waits for the bot to drain and checks that
#   every accepted message was stored once and answered once. Tears everything down at the end.
# Usage: bash scripts/load.sh [--rate 500] [--seconds 60] [--rates 250,500,750] [other Bot.Benchmarks load options]
# Exit code 0 when nothing was lost, duplicated or rejected.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  echo "Installing mariadb-server ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq mariadb-server >&2 || { echo "apt-get install failed" >&2; exit 1; }
fi
PATH="$PATH:/usr/sbin"

work=$(mktemp -d /tmp/tiexibot-load.XXXXXX)
port=${TIEXIBOT_LOAD_MYSQL_PORT:-$(( 34060 + RANDOM % 1000 ))}
db_pid=""
cleanup() {
  [ -n "$db_pid" ] && kill "$db_pid" 2>/dev/null && wait "$db_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building (Release) ..." >&2
dotnet build Bot.Benchmarks/Bot.Benchmarks.csproj -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

mariadb-install-db --no-defaults --datadir="$work/data" --user=root --auth-root-authentication-method=socket \
  --skip-test-db >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; exit 1; }
mariadbd --no-defaults --datadir="$work/data" --socket="$work/sock" --port="$port" --bind-address=127.0.0.1 \
  --pid-file="$work/pid" --user=root --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
  --max-connections=500 --innodb-flush-log-at-trx-commit=2 --skip-log-bin --innodb-buffer-pool-size=512M \
  --innodb-log-file-size=256M --thread-handling=pool-of-threads >"$work/mariadb.log" 2>&1 &
db_pid=$!
for _ in $(seq 200); do mariadb-admin --socket="$work/sock" -uroot ping >/dev/null 2>&1 && break; sleep 0.1; done
password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
mariadb --socket="$work/sock" -uroot -e "
  CREATE USER 'tiexibot'@'127.0.0.1' IDENTIFIED BY '$password'; GRANT ALL ON *.* TO 'tiexibot'@'127.0.0.1';" \
  || { cat "$work/mariadb.log" >&2; exit 1; }
echo "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$port" >&2

# The thread pool's spinning only burns CPU that a 2-core machine running the bot, MariaDB and the driver lacks.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}
dotnet Bot.Benchmarks/bin/Release/net10.0/Bot.Benchmarks.dll load \
  --mysql "Server=127.0.0.1;Port=$port;User ID=tiexibot;Password=$password;Database=mysql" \
  --db-pid "$db_pid" --host-log "${TIEXIBOT_LOAD_HOST_LOG:-$work/host.log}" "$@"
