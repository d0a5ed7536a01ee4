#!/usr/bin/env bash
# The entrypoint of compose.yaml's two PostgreSQL servers, in front of the image's own (docker-entrypoint.sh).
# With an empty data directory and REMBUK_POSTGRES_FOLLOW set, it first copies that server into it with
# standby-from-primary.sh (slot REMBUK_POSTGRES_SLOT), so that the server starts as its standby. With an empty
# data directory and no REMBUK_POSTGRES_FOLLOW, the image makes a new primary and runs compose-init-primary.sh.
# With data, the server starts as the data says: primary, or standby (standby.signal).
set -euo pipefail

if [ ! -s "$PGDATA/PG_VERSION" ] && [ -n "${REMBUK_POSTGRES_FOLLOW:-}" ]; then
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
    exec gosu postgres bash "$0" "$@"
  fi
  PGPASSWORD=$REMBUK_REPLICATION_PASSWORD bash /rembuk-postgres/standby-from-primary.sh \
    --primary "$REMBUK_POSTGRES_FOLLOW" --slot "$REMBUK_POSTGRES_SLOT" --data-dir "$PGDATA" --wait 300
fi
exec docker-entrypoint.sh "$@"
