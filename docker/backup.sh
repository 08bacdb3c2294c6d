#!/usr/bin/env bash
# Backs up the IOC database into one file (pg_dump custom format: compressed, restorable table by
# table). Runs against a live server: pg_dump reads one consistent snapshot while ingest goes on.
#
#   docker/backup.sh postgres://ioc:PASSWORD@HOST:5432/ioc ioc-2026-12-03.dump
#   # inside the compose deployment (the file lands in docker/backups/):
#   docker compose -f docker/docker-compose.yml exec timescaledb \
#     pg_dump --format=custom --no-owner --file /backups/ioc-$(date +%F).dump -U ioc ioc
#
# pg_dump warns of "circular foreign-key constraints" on TimescaleDB's catalog: expected, harmless
# for a full dump (docs/operations.md).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DATABASE_URL FILE" >&2; exit 2; }
pg_dump --format=custom --no-owner --file "$2" "$1"
echo "backed up to $2 ($(du -h "$2" | cut -f1))"
