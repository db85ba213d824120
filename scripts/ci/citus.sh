#!/usr/bin/env bash
# Citus in CI (and `npm run test:citus` on a developer's machine): the integration suite and the
# black-box isolation specs (tenancy, security sweep) against a Citus coordinator with two workers.
# Builds and installs Citus first when it is missing (from CITUS_SOURCE, default ../shared/citus).
# Ports: CITUS_PORT (9700) and the next two for the cluster, E2E_PORT (3700) for the app. The cluster
# lives in a temporary folder and is removed on exit, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CITUS_PORT=${CITUS_PORT:-9700}
export E2E_PORT=${E2E_PORT:-3700}
export CITUS_DATA_DIR=${CITUS_DATA_DIR:-$(mktemp -d /tmp/polls-citus-XXXXXX)}
source=${CITUS_SOURCE:-../shared/citus}

step() { echo "[citus] $*"; }

if [ ! -f "$(/usr/lib/postgresql/15/bin/pg_config --pkglibdir)/citus.so" ]; then
  step "building Citus from $source"
  bash "$source/install.sh" >/dev/null
fi
trap 'bash scripts/ci/citus-cluster.sh clean' EXIT
coordinator=$(bash scripts/ci/citus-cluster.sh start)
step "coordinator $coordinator, workers on $((CITUS_PORT + 1)) and $((CITUS_PORT + 2))"

step "integration suite on the coordinator"
# Creating a schema costs 4-5x more on Citus (it is distributed to a worker): tests that make 200
# tenants need more than the default minute on a loaded machine. The suite waits on the cluster more than
# it computes, so two workers (each with its own database) run it in about two thirds of the time of one.
TEST_DATABASE_URL=$coordinator npx vitest run --testTimeout=180000 --maxWorkers=2

if node --import tsx -e 'import("./scripts/lib/build.ts").then((m) => process.exit(m.needsBuild() ? 0 : 1))'; then
  step "production build"
  npx next build >/dev/null
fi
step "isolation specs on the coordinator"
# The app's database is kept after the run (the cluster goes on exit anyway) for the placement check below.
export E2E_SCRATCH_DATABASE=polls_e2e_$E2E_PORT
E2E_DATABASE_URL=$coordinator E2E_KEEP_DATABASE=1 npx playwright test e2e/tenancy.spec.ts e2e/security-sweep.spec.ts

# The specs only mean "apart on different workers" if the demo tenants were placed on different workers.
step "placement of the demo tenants"
DATABASE_URL=${coordinator%/*}/$E2E_SCRATCH_DATABASE node bin/tenants list --json | node -e '
  const rows = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  const nodes = Object.fromEntries(rows.map((r) => [r.slug, r.node]));
  console.log(`[citus] thor on ${nodes.thor}, potter on ${nodes.potter}`);
  if (!nodes.thor || nodes.thor === nodes.potter || nodes.thor === "coordinator") process.exit(1);'
