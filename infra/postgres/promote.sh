#!/usr/bin/env bash
# Makes this standby the primary (failover). Run it as the postgres user on the standby's host, after the old
# primary is stopped or cut off for good: two primaries would each take writes the other never sees.
#
#   sudo -u postgres infra/postgres/promote.sh [--port 5432] [--keep-sync]
#
# It shows how far the standby got (the last WAL received and replayed, and the time of the last transaction
# replayed), promotes it with pg_promote() and waits until it takes writes. Then point the replicas at this
# host (infra/README.md, Failover).
#
# A standby copied from a primary with synchronous_standby_names set has it too, and once promoted, with no
# standby of its own, every commit would wait. So this clears it (ALTER SYSTEM) unless --keep-sync is given;
# set it again once a new standby streams from this server.
set -euo pipefail

port=${PGPORT:-5432}
keep_sync=false

die() {
  echo "promote: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --keep-sync) keep_sync=true; shift ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

sql() {
  psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres -Atc "$1"
}

[ "$(sql 'SELECT pg_is_in_recovery()')" = t ] || die "this server is not a standby (it already takes writes)"

sql "SELECT 'received up to ' || coalesce(pg_last_wal_receive_lsn()::text, '-')
         || ', replayed up to ' || coalesce(pg_last_wal_replay_lsn()::text, '-')
         || ', last transaction replayed at ' || coalesce(pg_last_xact_replay_timestamp()::text, '-')
         || ', streaming: ' || coalesce((SELECT status FROM pg_stat_wal_receiver), 'no')" |
  sed 's/^/promote: /'

started=$(date +%s%N)
[ "$(sql 'SELECT pg_promote(wait => true, wait_seconds => 60)')" = t ] || die "not promoted within 60 s (see the server log)"
[ "$(sql 'SELECT pg_is_in_recovery()')" = f ] || die "pg_promote answered, but the server is still in recovery"
sync=$(sql 'SHOW synchronous_standby_names')
if [ -n "$sync" ] && ! $keep_sync; then
  sql "ALTER SYSTEM SET synchronous_standby_names = ''" && sql 'SELECT pg_reload_conf()' >/dev/null
  echo "promote: synchronous_standby_names was '$sync': cleared, as no standby follows this server yet"
fi
timeline=$(sql "SELECT ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int")
echo "promote: primary now, on timeline $timeline, in $((($(date +%s%N) - started) / 1000000)) ms"
