// `npm run migrate -- …`: the shared schema and every tenant's, like django-tenants' migrate_schemas.
import "@/lib/config";
import { z } from "zod";
import { env } from "@/lib/env";
import {
  allTenantTargets,
  readMigrationStatus,
  runMigrations,
  sharedTarget,
  summarise,
  type MigrationTarget,
  type Outcome,
  type RunOptions,
} from "@/lib/tenancy/operations";
import { poolFor, redact } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { isCitus } from "./lib/citus";
import { CliError, isInteractive, parseCommandLine, runMain, UsageError, validate } from "./lib/cli";
import { createReporter, formatPlan, formatSummary } from "./lib/migration-report";

const HELP = `Usage: npm run migrate -- [scope] [options]

Applies pending Prisma migrations: prisma/public to the shared schema, prisma/tenant to every tenant's
schema. Each schema migrates in its own transaction: a failing one is rolled back whole and reported,
the others go on, and a rerun resumes where it stopped.

Scope (default: --all)
  --all                 the shared schema first, then every tenant (on every server)
  --shared              the shared (public) schema only
  --tenant <slug>       one tenant; repeat for several

Options
  --concurrency <n>     tenants migrated in parallel (default: 4, at most DB_POOL_MAX)
  --check               apply nothing; exit 1 if anything is pending
  --plan                apply nothing; list what would run for each schema
  --fail-fast           start no new tenant after the first failure
  --engine <engine>     in-process (default) or prisma: run \`prisma migrate deploy\` per schema
  -h, --help            show this help

Database: DATABASE_URL, else the embedded PostgreSQL of \`npm start\` (DATA_DIR, default .data).
Exit code: 0 done or nothing pending, 1 a schema failed (or --check found pending work), 2 bad usage.`;

const options = {
  all: { type: "boolean" },
  shared: { type: "boolean" },
  tenant: { type: "string", multiple: true },
  concurrency: { type: "string" },
  check: { type: "boolean" },
  plan: { type: "boolean" },
  "fail-fast": { type: "boolean" },
  engine: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const argsSchema = z
  .object({
    all: z.boolean().default(false),
    shared: z.boolean().default(false),
    tenant: z.array(z.string()).default([]),
    concurrency: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(64, "must be at most 64").optional(),
    check: z.boolean().default(false),
    plan: z.boolean().default(false),
    failFast: z.boolean().default(false),
    engine: z.enum(["in-process", "prisma"], "must be in-process or prisma").default("in-process"),
  })
  .refine((a) => !(a.check && a.plan), "--check and --plan cannot be combined");

function defaultConcurrency(): number {
  return Math.max(1, Math.min(4, env().DB_POOL_MAX));
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, options, false);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const args = validate(argsSchema, { ...values, failFast: values["fail-fast"] });

  const everything = args.all || (!args.shared && args.tenant.length === 0);
  if (args.plan || args.check) {
    // Before the first migrate the registry table does not exist yet: then there are no tenants.
    const tenants = everything ? ((await registryExists()) ? await allTenantTargets() : []) : await namedTenants(args.tenant);
    const statuses = await readMigrationStatus([...(everything || args.shared ? [sharedTarget()] : []), ...tenants]);
    console.log(formatPlan(statuses));
    if (statuses.some((s) => s.unreachable)) return 1;
    return args.check && statuses.some((s) => s.pending.length > 0) ? 1 : 0;
  }

  const run: RunOptions = {
    // More tenants at once than pooled connections would only queue for a connection.
    concurrency: Math.min(args.concurrency ?? defaultConcurrency(), env().DB_POOL_MAX),
    failFast: args.failFast,
    engine: args.engine,
    onOutcome: createReporter(isInteractive()),
  };
  if (args.engine === "prisma") await refusePrismaEngineOnCitus(args.tenant);
  const outcomes: Outcome[] = [];
  let ms = 0;
  // The shared schema goes first and on its own: it creates the registry that lists the tenants.
  if (everything || args.shared) {
    const shared = await runMigrations([sharedTarget()], run);
    outcomes.push(...shared.outcomes);
    ms += shared.ms;
  }
  if (summarise(outcomes).failed === 0 && (everything || args.tenant.length)) {
    const tenants = await runMigrations(everything ? await allTenantTargets() : await namedTenants(args.tenant), run);
    outcomes.push(...tenants.outcomes);
    ms += tenants.ms;
  }
  console.log(`\n${formatSummary(outcomes, ms)}`);
  const counts = summarise(outcomes);
  return counts.failed || counts.skipped ? 1 : 0;
}

async function namedTenants(slugs: string[]): Promise<MigrationTarget[]> {
  const tenants = new Map((await allTenantTargets()).map((t) => [t.name, t]));
  return [...new Set(slugs)].map((slug) => {
    const target = tenants.get(slug);
    if (!target) throw new CliError(`no tenant "${slug}"`);
    return target;
  });
}

/**
 * `prisma migrate deploy` sends each migration file as one multi-statement query, which a Citus
 * coordinator refuses, leaving a failed `_prisma_migrations` row behind: refuse before it starts.
 */
async function refusePrismaEngineOnCitus(slugs: string[]): Promise<void> {
  const tenants = slugs.length ? await namedTenants(slugs) : (await registryExists()) ? await allTenantTargets() : [];
  for (const serverUrl of new Set([defaultServerUrl(), ...tenants.map((t) => t.serverUrl)])) {
    if (await isCitus(poolFor(serverUrl))) {
      throw new CliError(`--engine prisma cannot migrate ${redact(serverUrl)}: it is a Citus cluster, which refuses Prisma's multi-statement migrations; use the default engine`);
    }
  }
}

async function registryExists(): Promise<boolean> {
  const { rows } = await poolFor(defaultServerUrl()).query<{ found: boolean }>(
    `SELECT to_regclass('public."Tenant"') IS NOT NULL AS found`,
  );
  return rows[0].found;
}

runMain(main, { needsDatabase: (argv) => !argv.includes("--help") && !argv.includes("-h") });
