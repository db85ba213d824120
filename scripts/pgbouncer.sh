#!/usr/bin/env bash
# The test suites behind PgBouncer in transaction mode, as production runs them: a throwaway PgBouncer
# (Debian's `pgbouncer`) in front of a local PostgreSQL, the app's DATABASE_URL through it and its
# DIRECT_URL past it (see docs/decisions/017-pooled-and-direct-urls.md).
#
#   bash scripts/pgbouncer.sh test            integration suite, then the e2e specs below, through PgBouncer
#   bash scripts/pgbouncer.sh run -- CMD…     any command, with POOLED_URL and DIRECT_SERVER_URL exported
#
# Environment: PGBOUNCER_PORT (6543), UPSTREAM_HOST (127.0.0.1), UPSTREAM_PORT (5432), E2E_PORT (3100),
# PGBOUNCER_SKIP_BUILD=1 (reuse the last `next build`), PGBOUNCER_E2E_SPECS (the security sweep, tenancy,
# two-instance, vanished-tenant and live-results specs). The upstream must accept the postgres user without a password
# from 127.0.0.1 (CI's PostgreSQL 15 does).
set -euo pipefail
cd "$(dirname "$0")/.."

port=${PGBOUNCER_PORT:-6543}
upstream_host=${UPSTREAM_HOST:-127.0.0.1}
upstream_port=${UPSTREAM_PORT:-5432}
specs=${PGBOUNCER_E2E_SPECS:-e2e/security-sweep.spec.ts e2e/tenancy.spec.ts e2e/two-instances.spec.ts e2e/vanished-tenant.spec.ts e2e/live-results.spec.ts}

die() { echo "pgbouncer.sh: $*" >&2; exit 1; }

command -v pgbouncer >/dev/null 2>&1 || die "pgbouncer is not installed (apt-get install -y pgbouncer)"
pg_isready -q -h "$upstream_host" -p "$upstream_port" || die "no PostgreSQL answers on $upstream_host:$upstream_port"

dir=$(mktemp -d /tmp/polls-pgbouncer.XXXXXX)
chmod 755 "$dir"

# Every database of the upstream by name (`*`), so scratch databases made by the tests are reachable.
# server_idle_timeout is short so that a dropped scratch database has no idle server connections left.
cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$upstream_host port=$upstream_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir = $dir
pool_mode = transaction
auth_type = trust
auth_file = $dir/userlist.txt
admin_users = postgres
ignore_startup_parameters = extra_float_digits,options
max_client_conn = 1000
default_pool_size = 20
server_idle_timeout = 1
pidfile = $dir/pgbouncer.pid
logfile = $dir/pgbouncer.log
EOF
echo '"postgres" ""' >"$dir/userlist.txt"

# PgBouncer refuses to run as root.
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$dir"
  as_postgres=(runuser -u postgres --)
fi

stop_pgbouncer() {
  [ -f "$dir/pgbouncer.pid" ] && kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
  rm -rf "$dir"
}
trap stop_pgbouncer EXIT

"${as_postgres[@]}" pgbouncer -d "$dir/pgbouncer.ini" || { cat "$dir/pgbouncer.log" >&2 || true; die "pgbouncer did not start"; }
for _ in $(seq 50); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.1
done
pg_isready -q -h 127.0.0.1 -p "$port" || { cat "$dir/pgbouncer.log" >&2; die "pgbouncer does not answer on $port"; }
echo "pgbouncer: transaction pooling on 127.0.0.1:$port in front of $upstream_host:$upstream_port"

export POOLED_URL="postgresql://postgres@127.0.0.1:$port/postgres"
export DIRECT_SERVER_URL="postgresql://postgres@$upstream_host:$upstream_port/postgres"

case "${1:-test}" in
  test)
    # The e2e specs run on a production build; CI made one already and sets PGBOUNCER_SKIP_BUILD=1.
    [ "${PGBOUNCER_SKIP_BUILD:-0}" = 1 ] || npx next build
    TEST_DATABASE_URL=$POOLED_URL TEST_DIRECT_URL=$DIRECT_SERVER_URL npx vitest run
    # shellcheck disable=SC2086 # one spec per word
    E2E_DATABASE_URL=$POOLED_URL E2E_DIRECT_URL=$DIRECT_SERVER_URL npx playwright test $specs
    ;;
  run)
    shift
    [ "${1:-}" = "--" ] && shift
    [ $# -gt 0 ] || die "run: no command given"
    "$@"
    ;;
  *)
    die "unknown command '$1' (test, run -- CMD…)"
    ;;
esac
