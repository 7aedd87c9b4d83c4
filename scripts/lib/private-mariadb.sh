# Sourced by scripts/load.sh and scripts/bench.sh: starts a private, throwaway MariaDB on 127.0.0.1 in "$work"
# (a folder the caller made and removes), tuned for throughput over durability (innodb_flush_log_at_trx_commit=2,
# no binlog, pool-of-threads), and sets MARIADB_PID and MARIADB_ADMIN (an ADO.NET connection string).
# TIEXIBOT_MARIADB_ARGS adds server options, e.g. "--general-log=1 --general-log-file=/tmp/general.log" to see every statement.
# Installs mariadb-server with apt-get when missing. MARIADB_PORT keeps the port; `launch_private_mariadbd PORT` starts
# the server again on the same data directory (scripts/lib/mariadb-control.sh uses it for the outage run).
launch_private_mariadbd() {
  local port=$1
  mariadbd --no-defaults --datadir="$work/data" --socket="$work/sock" --port="$port" --bind-address=127.0.0.1 \
    --pid-file="$work/pid" --user=root --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --max-connections=500 --innodb-flush-log-at-trx-commit=2 --skip-log-bin --innodb-buffer-pool-size=512M \
    --innodb-log-file-size=256M --thread-handling=pool-of-threads ${TIEXIBOT_MARIADB_ARGS:-} >>"$work/mariadb.log" 2>&1 &
  MARIADB_PID=$!
  MARIADB_PORT=$port
  for _ in $(seq 300); do mariadb-admin --socket="$work/sock" -uroot ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "MariaDB did not answer on $work/sock" >&2
  return 1
}

start_private_mariadb() {
  if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
    echo "Installing mariadb-server ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq mariadb-server >&2 || { echo "apt-get install failed" >&2; return 1; }
  fi
  PATH="$PATH:/usr/sbin"
  local port=${TIEXIBOT_MARIADB_PORT:-}
  if [ -z "$port" ]; then
    # A random port nobody listens on (another private instance may hold one).
    for _ in $(seq 50); do
      port=$(( 34060 + RANDOM % 2000 ))
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
    done
  fi
  mariadb-install-db --no-defaults --datadir="$work/data" --user=root --auth-root-authentication-method=socket \
    --skip-test-db >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; return 1; }
  launch_private_mariadbd "$port" || return 1
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  mariadb --socket="$work/sock" -uroot -e "
    CREATE USER 'tiexibot'@'127.0.0.1' IDENTIFIED BY '$password'; GRANT ALL ON *.* TO 'tiexibot'@'127.0.0.1';" \
    || { cat "$work/mariadb.log" >&2; return 1; }
  MARIADB_ADMIN="Server=127.0.0.1;Port=$port;User ID=tiexibot;Password=$password;Database=mysql"
  echo "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$port" >&2
}
