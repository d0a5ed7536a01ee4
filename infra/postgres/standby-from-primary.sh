#!/usr/bin/env bash
# Makes an empty data directory a hot standby of the primary: a copy with pg_basebackup -R, streaming through a
# physical replication slot on the primary (made when it is missing). Run it as the postgres user, with no
# server on that directory; then start the server, which follows the primary from then on.
#
#   sudo -u postgres PGPASSWORD=<replicator's password> infra/postgres/standby-from-primary.sh \
#     --primary 10.20.0.21 --slot db_b --data-dir /var/lib/postgresql/15/main
#
# --port (5432) and --user (replicator) name the primary's port and replication user. --slot also becomes the
# standby's application_name, which synchronous_standby_names can name. --wait SECONDS (120) is how long to
# wait for the primary to answer. The password can also come from ~/.pgpass; pg_basebackup -R writes it into
# the copy's postgresql.auto.conf (readable by postgres only), where the standby reads it to connect.
set -euo pipefail

primary=
port=5432
user=replicator
slot=
data_dir=
wait_seconds=120

die() {
  echo "standby-from-primary: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --primary) primary=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --slot) slot=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    --wait) wait_seconds=$2; shift 2 ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

if [ -z "$primary" ] || [ -z "$slot" ] || [ -z "$data_dir" ]; then
  die "--primary, --slot and --data-dir are required (see --help)"
fi
[[ "$slot" =~ ^[a-z0-9_]{1,63}$ ]] || die "a slot name is lower-case letters, digits and _: $slot"
[ "$(id -u)" != 0 ] || die "run it as the postgres user: sudo -u postgres $0 ..."
if [ -e "$data_dir" ] && [ -n "$(ls -A "$data_dir")" ]; then
  die "$data_dir is not empty: stop its server and empty it first (the copy replaces what it holds)"
fi

# Debian's binaries of the newest installed version, else those on PATH (the postgres image has them there).
bin=
for dir in $(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V -r); do
  [ -x "$dir/pg_basebackup" ] && bin=$dir/ && break
done

started=$(date +%s)
echo "standby-from-primary: waiting for $primary:$port"
# A replication connection, as the standby makes: it needs the same pg_hba.conf line, and logs no failure.
until "${bin}pg_isready" -q -t 2 -d "host=$primary port=$port user=$user dbname=replication replication=true"; do
  [ $(($(date +%s) - started)) -lt "$wait_seconds" ] || die "$primary:$port did not answer within ${wait_seconds}s"
  sleep 1
done

# The slot keeps on the primary the WAL this standby has not received yet, from the copy on.
"${bin}pg_receivewal" -h "$primary" -p "$port" -U "$user" --slot "$slot" --create-slot --if-not-exists

echo "standby-from-primary: copying $primary:$port into $data_dir"
copy_started=$(date +%s)
"${bin}pg_basebackup" --dbname "host=$primary port=$port user=$user application_name=$slot" \
  --pgdata "$data_dir" --write-recovery-conf --slot "$slot" --wal-method stream --checkpoint fast
chmod 700 "$data_dir"

echo "standby-from-primary: done in $(($(date +%s) - copy_started))s ($(du -sh "$data_dir" | cut -f1)):" \
  "start the server on $data_dir; it streams from $primary:$port through the slot $slot"
