#!/usr/bin/env bash
# A throw-away Citus cluster on this machine: one coordinator and two workers, schema-based sharding on.
#   bash scripts/ci/citus-cluster.sh start    initdb (if needed) and start the three nodes, register the workers
#   bash scripts/ci/citus-cluster.sh stop     stop them (the data folders stay until `clean`)
#   bash scripts/ci/citus-cluster.sh add-worker   start a third worker (CITUS_PORT + 3) and register it; prints its port
#   bash scripts/ci/citus-cluster.sh clean    stop them and remove their data folders
# Ports: CITUS_PORT (9700) for the coordinator, the next two (three) for the workers. Data: CITUS_DATA_DIR
# (/tmp/polls-citus-<port>). Citus itself must be installed (`bash ../shared/citus/install.sh`).
# The coordinator's `postgres` database is the cluster's admin database: test/database.ts reads the
# workers from it to give every scratch database the same cluster.
set -euo pipefail
port=${CITUS_PORT:-9700}
data=${CITUS_DATA_DIR:-/tmp/polls-citus-$port}
bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
ports=("$port" "$((port + 1))" "$((port + 2))")
extra=$((port + 3))
# A third worker added by `add-worker` is stopped and removed with the others.
[ -d "$data/node-$extra" ] && ports+=("$extra")

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres -c "$2" >/dev/null; }

# initdb a node's data folder if it has none; returns 0 when it was made now.
init_node() {
  local dir="$data/node-$1"
  [ -f "$dir/PG_VERSION" ] && return 1
  as_postgres "$bindir/initdb" -D "$dir" -U postgres --auth=trust --no-sync >/dev/null
}

# fsync off: a test cluster, thrown away. wal_level logical: tenant moves copy by logical replication.
# Citus raises max_prepared_transactions itself for its two-phase commits.
start_node() {
  local dir="$data/node-$1"
  as_postgres "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start -o \
    "-p $1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c shared_preload_libraries=citus -c fsync=off -c wal_level=logical -c max_connections=300" >/dev/null
}

start() {
  if [ ! -f "$("$bindir/pg_config" --pkglibdir)/citus.so" ]; then
    echo "citus-cluster: Citus is not installed in $bindir (run bash ../shared/citus/install.sh)" >&2
    exit 1
  fi
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres "$data"
  local fresh=0
  for p in "${ports[@]}"; do
    if init_node "$p"; then fresh=1; fi
    start_node "$p"
  done
  if [ "$fresh" = 1 ]; then
    for p in "${ports[@]}"; do sql "$p" "CREATE EXTENSION IF NOT EXISTS citus"; done
    sql "$port" "SELECT citus_set_coordinator_host('127.0.0.1', $port)"
    for p in "${ports[@]:1}"; do sql "$port" "SELECT citus_add_node('127.0.0.1', $p)"; done
    sql "$port" "ALTER DATABASE postgres SET citus.enable_schema_based_sharding = on"
  fi
  echo "postgresql://postgres@127.0.0.1:$port/postgres"
}

# A third worker in the cluster's admin database. A database made on the coordinator before it was added
# must be given the worker by whoever made it (test/database.ts's joinCitusCluster does it for new ones).
add_worker() {
  [ -f "$data/node-$extra/postmaster.pid" ] && { echo "$extra"; return; }
  init_node "$extra" || true
  start_node "$extra"
  sql "$extra" "CREATE EXTENSION IF NOT EXISTS citus"
  sql "$port" "SELECT citus_add_node('127.0.0.1', $extra)"
  echo "$extra"
}

stop() {
  for p in "${ports[@]}"; do
    local dir="$data/node-$p"
    if [ -f "$dir/postmaster.pid" ]; then as_postgres "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true; fi
  done
}

case "${1:-}" in
  start) start ;;
  add-worker) add_worker ;;
  stop) stop ;;
  clean) stop; rm -rf "$data" ;;
  *) echo "usage: $0 start|add-worker|stop|clean" >&2; exit 2 ;;
esac
