#!/usr/bin/env bash
# A throwaway TimescaleDB server on a loopback port, for the real-server test tier and benchmarks.
#
#   test/timescaledb/server.sh start   installs what is missing, starts the server, prints its URL
#   test/timescaledb/server.sh stop    stops it and deletes its data directory
#   test/timescaledb/server.sh url     prints the URL (for DATABASE_URL / IOC_TEST_DATABASE_URL)
#   test/timescaledb/server.sh restart restarts it the hard way (`-m immediate`: crash recovery), for fault tests
#
# Needs root on a fresh Debian bookworm machine (apt, the extension's files, `runuser`). Installs
# Debian's postgresql-15 when missing and TimescaleDB 2.28.3 from ../shared/timescaledb (or
# $IOC_TIMESCALEDB_DIR), then runs a cluster of its own in $IOC_TSDB_DIR (default
# /tmp/ioc-timescaledb) on $IOC_TSDB_PORT (default 5433): nothing of the machine's own clusters is
# touched, and `stop` leaves nothing behind. Trust authentication on 127.0.0.1 only.
set -euo pipefail

PORT=${IOC_TSDB_PORT:-5433}
DIR=${IOC_TSDB_DIR:-/tmp/ioc-timescaledb}
PGBIN=/usr/lib/postgresql/15/bin
URL="postgres://postgres@127.0.0.1:$PORT/postgres"
here=$(cd "$(dirname "$0")" && pwd)

find_timescaledb() {
  for dir in "${IOC_TIMESCALEDB_DIR:-}" "$here/../../../shared/timescaledb" /work/shared/timescaledb; do
    if [ -n "$dir" ] && [ -f "$dir/install.sh" ]; then
      echo "$dir"
      return
    fi
  done
  echo "TimescaleDB for PostgreSQL 15 not found: set IOC_TIMESCALEDB_DIR to the folder of its install.sh" >&2
  exit 1
}

install_missing() {
  if [ ! -x "$PGBIN/postgres" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql-15 >/dev/null
  fi
  if [ ! -f /usr/share/postgresql/15/extension/timescaledb.control ]; then
    sh "$(find_timescaledb)/install.sh" >/dev/null
  fi
}

running() {
  [ -f "$DIR/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1
}

start() {
  if running; then
    echo "$URL"
    return
  fi
  install_missing
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chown postgres:postgres "$DIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$DIR" --auth=trust --username=postgres --encoding=UTF8 \
    --locale=C.UTF-8 >/dev/null
  cat >>"$DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
shared_preload_libraries = 'timescaledb,pg_stat_statements'
timescaledb.telemetry_level = off
# Every test file has a database of its own, each with its policies: enough workers for them all.
max_worker_processes = 32
timescaledb.max_background_workers = 24
max_connections = 300
shared_buffers = 512MB
max_wal_size = 4GB
log_min_messages = warning
CONF
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >/dev/null
  echo "$URL"
}

stop() {
  if running; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null; fi
  rm -rf "$DIR"
}

restart() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR" -m immediate -w -t 60 -l "$DIR/server.log" restart >/dev/null
}

case "${1:-}" in
  start) start ;;
  restart) restart ;;
  stop) stop ;;
  url) echo "$URL" ;;
  *)
    echo "usage: $0 start|stop|restart|url" >&2
    exit 2
    ;;
esac
