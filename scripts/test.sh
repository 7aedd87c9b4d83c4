#!/usr/bin/env bash
# Runs every test of TieXiBot on SQLite and on a private, throwaway MariaDB instance.
# Installs what the tests need (mariadb-server, chromium) with apt-get when missing.
# Ends with one line: "N passed, N failed, N skipped" summed over all test assemblies.
set -uo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need_apt+=(mariadb-server)
if [ "${TIEXIBOT_SKIP_BROWSER:-}" != "1" ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fi
# Digest charts (and browser screenshots) need a CJK font file.
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq "${need_apt[@]}" >&2 || { echo "apt-get install failed" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi
PATH="$PATH:/usr/sbin"

# A private MariaDB on 127.0.0.1 in a throwaway data directory: no system service, no fixed root password.
# Strict SQL mode for every table, so that an over-long or invalid value fails the test instead of being truncated.
work=$(mktemp -d /tmp/tiexibot-mariadb.XXXXXX)
port=${TIEXIBOT_TEST_MYSQL_PORT:-}
if [ -z "$port" ]; then
  # A random loopback port that nobody listens on (another private instance may hold one).
  for _ in $(seq 50); do
    port=$(( 33060 + RANDOM % 1000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
fi
db_pid=""
cleanup() {
  [ -n "$db_pid" ] && kill "$db_pid" 2>/dev/null && wait "$db_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
mariadb-install-db --no-defaults --datadir="$work/data" --user=root --auth-root-authentication-method=socket \
  --skip-test-db >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# Start it; when the chosen port was taken meanwhile (another private instance), try another one.
for try in 1 2 3 4 5; do
  mariadbd --no-defaults --datadir="$work/data" --socket="$work/sock" --port="$port" --bind-address=127.0.0.1 \
    --pid-file="$work/pid" --user=root --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --max-connections=500 --innodb-flush-log-at-trx-commit=2 --skip-log-bin \
    --sql-mode=STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION >"$work/mariadb.log" 2>&1 &
  db_pid=$!
  for _ in $(seq 200); do
    mariadb-admin --socket="$work/sock" -uroot ping >/dev/null 2>&1 && break 2
    kill -0 "$db_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "MariaDB did not start on port $port (try $try); trying another port" >&2
  kill "$db_pid" 2>/dev/null; wait "$db_pid" 2>/dev/null; db_pid=""
  port=$(( 33060 + RANDOM % 1000 ))
done
password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
mariadb --socket="$work/sock" -uroot -e "
  CREATE USER 'tiexibot'@'127.0.0.1' IDENTIFIED BY '$password'; CREATE USER 'tiexibot'@'localhost' IDENTIFIED BY '$password';
  GRANT ALL ON *.* TO 'tiexibot'@'127.0.0.1'; GRANT ALL ON *.* TO 'tiexibot'@'localhost';" \
  || { cat "$work/mariadb.log" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
export TIEXIBOT_TEST_MYSQL="Server=127.0.0.1;Port=$port;User ID=tiexibot;Password=$password;Database=mysql;Pooling=true"
export TIEXIBOT_TEST_MARIADB_SOCKET="$work/sock"

log="$work/test.log"
dotnet test TieXiBot.sln -c Release "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed:' "$log" \
  | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$rc"
