#!/usr/bin/env bash
# A failover rehearsal on one machine, with two throwaway clusters under /tmp and the scripts of this folder:
# a primary, a standby made with standby-from-primary.sh, rows written on the primary and read on the
# standby, the primary killed, the standby promoted with promote.sh and written to, the old primary made a
# standby of the new one, a synchronous commit that waits for a stopped standby, and both kinds of backup
# restored. It prints what each step took. Run it as the postgres user (Debian's `postgresql` package); it
# touches no other cluster. Ports: the two given, and the next one for the restored copy.
#
#   sudo -u postgres infra/postgres/rehearse-failover.sh [--ports 55441,55442] [--rows 10000] [--keep]
#
# --keep leaves the clusters running at the end (it prints how to stop them); they are removed otherwise.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
ports=55441,55442
rows=10000
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --ports) ports=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "rehearse: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done
port_a=${ports%,*}
port_b=${ports#*,}
[ "$(id -u)" != 0 ] || { echo "rehearse: run it as the postgres user: sudo -u postgres $0" >&2; exit 1; }

bin=$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "rehearse: no PostgreSQL server binaries: apt-get install postgresql" >&2; exit 1; }
work=$(mktemp -d /tmp/rembuk-rehearsal-XXXXXX)
chmod 700 "$work"
export PGHOST=$work # the clusters' sockets, for psql and the scripts
export REMBUK_POSTGRES_PASSWORD=rehearsal-rembuk REMBUK_REPLICATION_PASSWORD=rehearsal-replicator

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }
say() { echo "rehearse: $*"; }
# rembuk-postgres.conf as the clusters' configuration, listening on the loopback address only.
printf "include '%s'\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\n" \
  "$here/rembuk-postgres.conf" "$work" >"$work/rehearsal.conf"
start() { # data dir, port
  "$bin/pg_ctl" -D "$1" -l "$1.log" -w -t 60 -o "-c config_file=$work/rehearsal.conf -p $2" start >/dev/null
}
stop() { "$bin/pg_ctl" -D "$1" -m "${2:-fast}" -w stop >/dev/null 2>&1 || true; }
as_rembuk() { # port, psql arguments: the replicas' user, over TCP with its password
  PGPASSWORD=$REMBUK_POSTGRES_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U rembuk -d rembuk -At "${@:2}"
}
cleanup() {
  if $keep; then
    say "left running: $bin/pg_ctl -D $work/a stop; $bin/pg_ctl -D $work/b stop; rm -rf $work"
    return
  fi
  stop "$work/a" immediate
  stop "$work/b" immediate
  rm -rf "$work"
}
trap cleanup EXIT

say "1. primary A on port $port_a"
t=$(date +%s%N)
"$bin/initdb" -D "$work/a" --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
start "$work/a" "$port_a"
"$here/primary-setup.sh" --port "$port_a" --hba-allow 127.0.0.1/32 | sed 's/^/  /'
say "   initdb, start and setup: $(ms "$t") ms"

as_rembuk "$port_a" -c "CREATE TABLE rehearsal (n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                          written_on text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())"
as_rembuk "$port_a" -c "INSERT INTO rehearsal (written_on) SELECT 'A' FROM generate_series(1, $rows)"
say "   $rows rows written on A"

say "2. standby B, copied from A"
t=$(date +%s%N)
PGPASSWORD=$REMBUK_REPLICATION_PASSWORD "$here/standby-from-primary.sh" \
  --primary 127.0.0.1 --port "$port_a" --slot standby_b --data-dir "$work/b" 2>&1 | sed 's/^/  /'
start "$work/b" "$port_b"
until [ "$(psql -X -p "$port_b" -d postgres -Atc 'SELECT status FROM pg_stat_wal_receiver')" = streaming ]; do sleep 0.05; done
say "   copied, started and streaming in $(ms "$t") ms"
"$here/status.sh" --port "$port_a" | sed 's/^/  A: /'

say "3. rows written on A reach B"
for _ in 1 2 3; do
  t=$(date +%s%N)
  last=$(as_rembuk "$port_a" -c "INSERT INTO rehearsal (written_on) VALUES ('A') RETURNING n")
  until [ "$(as_rembuk "$port_b" -c "SELECT count(*) FROM rehearsal WHERE n = $last")" = 1 ]; do sleep 0.001; done
  say "   row $last seen on B $(ms "$t") ms after its commit on A (the time includes two psql starts)"
done
t=$(date +%s%N)
as_rembuk "$port_a" -c "INSERT INTO rehearsal (written_on) SELECT 'A' FROM generate_series(1, $rows)"
total=$(as_rembuk "$port_a" -c "SELECT count(*) FROM rehearsal")
until [ "$(as_rembuk "$port_b" -c "SELECT count(*) FROM rehearsal")" = "$total" ]; do sleep 0.01; done
say "   $rows more rows in one transaction: all $total on B $(ms "$t") ms after the insert began"
if as_rembuk "$port_b" -c "INSERT INTO rehearsal (written_on) VALUES ('B')" 2>"$work/refused"; then
  say "   B took a write as a standby: unexpected" && exit 1
fi
say "   a write on B is refused: $(head -n 1 "$work/refused")"

say "4. A fails (SIGKILL of its postmaster), B is promoted"
kill -KILL "$(head -n 1 "$work/a/postmaster.pid")"
t=$(date +%s%N)
"$here/promote.sh" --port "$port_b" | sed 's/^/  /'
as_rembuk "$port_b" -c "INSERT INTO rehearsal (written_on) VALUES ('B')" >/dev/null
say "   first write on B $(ms "$t") ms after the promotion began; B holds $(as_rembuk "$port_b" -c "SELECT count(*) FROM rehearsal") rows"
stop "$work/a" immediate

say "5. A comes back as a standby of B: emptied and copied again"
t=$(date +%s%N)
rm -rf "$work/a"
PGPASSWORD=$REMBUK_REPLICATION_PASSWORD "$here/standby-from-primary.sh" \
  --primary 127.0.0.1 --port "$port_b" --slot standby_a --data-dir "$work/a" 2>&1 | sed 's/^/  /'
start "$work/a" "$port_a"
until [ "$(psql -X -p "$port_a" -d postgres -Atc 'SELECT status FROM pg_stat_wal_receiver')" = streaming ]; do sleep 0.05; done
last=$(as_rembuk "$port_b" -c "INSERT INTO rehearsal (written_on) VALUES ('B') RETURNING n")
until [ "$(as_rembuk "$port_a" -c "SELECT count(*) FROM rehearsal WHERE n = $last")" = 1 ]; do sleep 0.01; done
say "   A streams from B again, $(ms "$t") ms after it was emptied"
"$here/status.sh" --port "$port_b" | sed 's/^/  B: /'

say "6. synchronous commit on B, with A as its standby"
psql -X -q -p "$port_b" -d postgres -c "ALTER SYSTEM SET synchronous_standby_names = '*'" -c 'SELECT pg_reload_conf()' >/dev/null
until [ "$(psql -X -p "$port_b" -d postgres -Atc "SELECT sync_state FROM pg_stat_replication")" = sync ]; do sleep 0.05; done
for mode in local on; do
  t=$(date +%s%N)
  as_rembuk "$port_b" -c "SET synchronous_commit = $mode" \
    -c "DO \$\$ BEGIN FOR i IN 1..500 LOOP INSERT INTO rehearsal (written_on) VALUES ('B'); COMMIT; END LOOP; END \$\$"
  say "   500 commits, one row each, synchronous_commit = $mode: $(ms "$t") ms"
done
stop "$work/a" fast
( as_rembuk "$port_b" -c "INSERT INTO rehearsal (written_on) VALUES ('while A is down') RETURNING n" >"$work/waiting" 2>&1 ) &
writer=$!
sleep 3
state=$(psql -X -p "$port_b" -d postgres -Atc "SELECT wait_event FROM pg_stat_activity WHERE query LIKE '%while A is down%' AND pid <> pg_backend_pid()")
say "   A stopped: a commit on B has waited 3 s so far (wait event: ${state:-none}), its client has no answer"
t=$(date +%s%N)
start "$work/a" "$port_a"
wait "$writer"
say "   A started again: the commit returned $(ms "$t") ms later (row $(cat "$work/waiting"))"
psql -X -q -p "$port_b" -d postgres -c "ALTER SYSTEM RESET synchronous_standby_names" -c 'SELECT pg_reload_conf()' >/dev/null

say "7. backups of B: pg_basebackup (tar) and pg_dump, each restored and counted"
port_c=$((port_b + 1))
rows_now=$(as_rembuk "$port_b" -c "SELECT count(*) FROM rehearsal")
t=$(date +%s%N)
PGPASSWORD=$REMBUK_REPLICATION_PASSWORD "$bin/pg_basebackup" -h 127.0.0.1 -p "$port_b" -U replicator \
  -D "$work/backup" --format tar --gzip --wal-method stream --checkpoint fast
say "   pg_basebackup: $(du -sh "$work/backup" | cut -f1) in $(ms "$t") ms"
mkdir -m 700 "$work/c"
tar -xzf "$work/backup/base.tar.gz" -C "$work/c"
tar -xzf "$work/backup/pg_wal.tar.gz" -C "$work/c/pg_wal"
start "$work/c" "$port_c"
say "   restored and started on port $port_c: $(as_rembuk "$port_c" -c "SELECT count(*) FROM rehearsal") rows (B had $rows_now)"
stop "$work/c"
t=$(date +%s%N)
PGPASSWORD=$REMBUK_POSTGRES_PASSWORD pg_dump -h 127.0.0.1 -p "$port_b" -U rembuk -d rembuk --format custom -f "$work/rembuk.dump"
psql -X -q -p "$port_b" -d postgres -c "CREATE DATABASE rembuk_restored OWNER rembuk"
PGPASSWORD=$REMBUK_POSTGRES_PASSWORD pg_restore -h 127.0.0.1 -p "$port_b" -U rembuk -d rembuk_restored --no-owner "$work/rembuk.dump"
restored=$(psql -X -p "$port_b" -d rembuk_restored -Atc "SELECT count(*) FROM rehearsal")
say "   pg_dump ($(du -h "$work/rembuk.dump" | cut -f1)) restored into a new database in $(ms "$t") ms: $restored rows"

say "done: every step passed"
