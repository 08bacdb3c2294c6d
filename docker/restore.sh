#!/usr/bin/env bash
# Restores a backup of docker/backup.sh into an EMPTY database (create it first), the way
# TimescaleDB requires: the extension put in restore mode before pg_restore, out of it after
# (its background jobs stay stopped meanwhile). Then start the servers on it: the migrations find
# everything in place and run nothing.
#
#   createdb -h HOST -U ioc ioc_restored
#   docker/restore.sh postgres://ioc:PASSWORD@HOST:5432/ioc_restored ioc-2026-12-03.dump
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DATABASE_URL FILE" >&2; exit 2; }
url=$1
file=$2
tables=$(psql "$url" -At -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
[ "$tables" = "0" ] || { echo "refusing: the target database is not empty ($tables tables)" >&2; exit 1; }
psql "$url" -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS timescaledb' -c 'SELECT timescaledb_pre_restore()' >/dev/null
pg_restore --no-owner --exit-on-error --dbname "$url" "$file"
psql "$url" -q -v ON_ERROR_STOP=1 -c 'SELECT timescaledb_post_restore()' >/dev/null
echo "restored $file"
