#!/usr/bin/env bash
# What this PostgreSQL server is and how its replication stands. Run it as the postgres user on either host:
#   sudo -u postgres infra/postgres/status.sh [--port 5432]
# On a primary: each standby streaming from it (state, sync or async, how far behind) and the slots, with the
# WAL each keeps. On a standby: where it streams from and how far its replay is behind.
set -euo pipefail

port=${PGPORT:-5432}
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "status: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done

sql() {
  psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres -P footer=off "$@"
}

if [ "$(sql -Atc 'SELECT pg_is_in_recovery()')" = f ]; then
  echo "primary (synchronous_standby_names: '$(sql -Atc 'SHOW synchronous_standby_names')')"
  sql -c "SELECT application_name, client_addr, state, sync_state,
                 pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)) AS replay_behind, replay_lag
            FROM pg_stat_replication ORDER BY application_name"
  sql -c "SELECT slot_name, active, wal_status,
                 pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) AS wal_kept
            FROM pg_replication_slots ORDER BY slot_name"
else
  echo "standby"
  sql -c "SELECT status, sender_host, sender_port, slot_name, flushed_lsn AS received,
                 pg_last_wal_replay_lsn() AS replayed,
                 now() - pg_last_xact_replay_timestamp() AS since_last_replayed_transaction
            FROM pg_stat_wal_receiver"
fi
