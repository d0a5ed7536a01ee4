#!/usr/bin/env bash
# Prepares a PostgreSQL primary for Rembuk, once: the database `rembuk` owned by the user `rembuk` (not a
# superuser), and the user `replicator` that standbys copy and stream with. Running it again sets the passwords
# again and changes nothing else.
#
#   sudo -u postgres REMBUK_POSTGRES_PASSWORD=... REMBUK_REPLICATION_PASSWORD=... \
#     infra/postgres/primary-setup.sh --hba-allow 10.20.0.0/24
#
# --hba-allow NETWORK adds to pg_hba.conf the two lines that let `rembuk` (replicas) and `replicator`
# (standbys) connect from that network with a password, and reloads the configuration. Without it, add them
# yourself. --no-reload leaves the reload to a restart. psql connects as the postgres user through the local
# socket; --port picks the server.
set -euo pipefail

database=rembuk
app_user=rembuk
replication_user=replicator
hba_allow=
reload=true
port=${PGPORT:-5432}

die() {
  echo "primary-setup: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --hba-allow) hba_allow=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --no-reload) reload=false; shift ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

[ "$(id -u)" != 0 ] || die "run it as the postgres user: sudo -u postgres $0 ..."
[ -n "${REMBUK_POSTGRES_PASSWORD:-}" ] || die "set REMBUK_POSTGRES_PASSWORD (the password of the user rembuk)"
[ -n "${REMBUK_REPLICATION_PASSWORD:-}" ] || die "set REMBUK_REPLICATION_PASSWORD (the password of the user replicator)"

sql() {
  psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"
}

[ "$(sql -Atc 'SELECT pg_is_in_recovery()')" = f ] || die "this server is a standby; run it on the primary"

# psql fills in :'name' as a quoted literal, so the passwords can hold any character.
sql -v app_user="$app_user" -v app_password="$REMBUK_POSTGRES_PASSWORD" \
  -v replication_user="$replication_user" -v replication_password="$REMBUK_REPLICATION_PASSWORD" \
  -v database="$database" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'app_user')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \gexec
ALTER ROLE :"app_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_password';

SELECT format('CREATE ROLE %I LOGIN REPLICATION', :'replication_user')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'replication_user') \gexec
ALTER ROLE :"replication_user" WITH LOGIN REPLICATION NOSUPERUSER PASSWORD :'replication_password';

SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', :'database', :'app_user')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
SQL
echo "primary-setup: database $database, users $app_user and $replication_user are ready"

if [ -n "$hba_allow" ]; then
  hba_file=$(sql -Atc 'SHOW hba_file')
  for line in "host $database $app_user $hba_allow scram-sha-256" \
    "host replication $replication_user $hba_allow scram-sha-256"; do
    if grep -qxF "$line" "$hba_file"; then continue; fi
    echo "$line" >>"$hba_file"
    echo "primary-setup: added to $hba_file: $line"
  done
  if $reload; then sql -Atc 'SELECT pg_reload_conf()' >/dev/null; fi
fi
