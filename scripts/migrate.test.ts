// The migrate CLI, spawned for real against a registry of its own (so `--all` means these tenants only).
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOneLineError, runCli, spawnCli } from "@/test/cli";
import { createScratchRegistry, migrationsWithExtra, schemaState, type ScratchRegistry } from "@/test/scratch-registry";
import { isCitus } from "./lib/citus";

const MIGRATION = "20990101000000_add_tags";

describe("migrate CLI: one tenant's migration fails", () => {
  let registry: ScratchRegistry;
  let migrations: ReturnType<typeof migrationsWithExtra>;
  const tenants = ["a_bad", "b_ok", "c_ok"];
  const migrate = (...args: string[]) => runCli("migrate", args, { ...registry.env, MIGRATIONS_ROOT: migrations.root });
  const state = (slug: string) => schemaState(registry.pool, slug, "Tag", null, MIGRATION);

  beforeAll(async () => {
    registry = await createScratchRegistry("migrate_fail");
    await registry.addTenants(...tenants);
    // a_bad holds a row the new constraint rejects: its migration fails after creating "Tag".
    await registry.pool.query(`INSERT INTO a_bad."User" (username, "passwordHash") VALUES ('u', 'x')`);
    await registry.pool.query(`INSERT INTO a_bad."Poll" (question, "createdById") VALUES ('poison', 1)`);
    migrations = migrationsWithExtra(
      MIGRATION,
      `CREATE TABLE "Tag" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);
       ALTER TABLE "Poll" ADD CONSTRAINT "Poll_question_check" CHECK ("question" <> 'poison');`,
    );
  });

  afterAll(async () => {
    migrations.remove();
    await registry.drop();
  });

  it("--plan and --check list the pending migration and apply nothing", async () => {
    const plan = await migrate("--plan");
    expect(plan.code).toBe(0);
    for (const slug of tenants) expect(plan.stdout).toContain(`${slug}: ${MIGRATION}`);
    expect(plan.stdout).toContain("3 of 4 schemas have pending migrations");

    const check = await migrate("--check");
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("3 of 4 schemas have pending migrations");
    for (const slug of tenants) expect((await state(slug)).table).toBe(false);
  });

  it("--fail-fast stops starting tenants after the first failure", async () => {
    const result = await migrate("--fail-fast", "--concurrency", "1");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/b_ok {2}skipped \(fail-fast after a_bad\)/);
    expect(result.stdout).toMatch(/skipped +2/);
    for (const slug of tenants) expect((await state(slug)).recorded).toBe(false);
  });

  it("rolls the failing tenant back whole, applies the others, and says so in the summary and exit code", async () => {
    const result = await migrate("--all");
    expect(result.code).toBe(1);
    // On Citus the worker names the shard: "Poll_question_check_102010".
    expect(result.stdout).toMatch(new RegExp(`a_bad  FAILED in ${MIGRATION}: check constraint "Poll_question_check(_\\d+)?"`));
    expect(result.stdout).toMatch(/applied +2/);
    expect(result.stdout).toMatch(/up to date +1/); // the shared schema
    expect(result.stdout).toMatch(/failed +1/);
    expect(result.stdout).toMatch(new RegExp(`a_bad +${MIGRATION} +check constraint`));

    // "Tag" was created by the failing migration's first statement: its absence shows the whole rollback.
    expect(await state("a_bad")).toEqual({ table: false, column: false, recorded: false });
    expect(await state("b_ok")).toEqual({ table: true, column: false, recorded: true });
    expect(await state("c_ok")).toEqual({ table: true, column: false, recorded: true });
  });

  it("completes on a rerun after the migration is fixed", async () => {
    migrations.rewrite(
      `CREATE TABLE "Tag" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);
       ALTER TABLE "Poll" ADD CONSTRAINT "Poll_question_check" CHECK ("question" <> '');`,
    );
    const result = await migrate();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`a_bad  applied ${MIGRATION}`);
    expect(result.stdout).toContain("b_ok  up to date");
    expect(result.stdout).toMatch(/applied +1/);
    expect(result.stdout).toMatch(/failed +0/);
    expect(await state("a_bad")).toEqual({ table: true, column: false, recorded: true });

    const check = await migrate("--check");
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("0 of 4 schemas have pending migrations");
  });
});

describe("migrate CLI: one tenant's server is down", () => {
  let registry: ScratchRegistry;
  let migrations: ReturnType<typeof migrationsWithExtra>;
  const migrate = (...args: string[]) => runCli("migrate", args, { ...registry.env, MIGRATIONS_ROOT: migrations.root });

  beforeAll(async () => {
    registry = await createScratchRegistry("migrate_down");
    await registry.addTenants("a_up", "b_up");
    // Nothing listens on port 1: this tenant's server refuses every connection.
    await registry.pool.query(`INSERT INTO public."Tenant" (slug, name, "databaseUrl") VALUES ('c_down', 'c', 'postgresql://postgres@127.0.0.1:1/postgres')`);
    migrations = migrationsWithExtra(MIGRATION, `CREATE TABLE "Tag" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);`);
  });

  afterAll(async () => {
    migrations.remove();
    await registry.drop();
  });

  it("--plan names it unreachable and exits 1; the others' plan stands", async () => {
    const plan = await migrate("--plan");
    expect(plan.code).toBe(1);
    expect(plan.stdout).toMatch(/c_down: server unreachable \(.*ECONNREFUSED/);
    expect(plan.stdout).toContain(`a_up: ${MIGRATION}`);
    expect(plan.stdout).toContain(`b_up: ${MIGRATION}`);
  });

  it("--all migrates every reachable tenant and reports that one failed", async () => {
    const result = await migrate("--all");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/c_down.*server unreachable/);
    for (const slug of ["a_up", "b_up"]) expect(await schemaState(registry.pool, slug, "Tag", null, MIGRATION)).toMatchObject({ table: true, recorded: true });
  });
});

describe("migrate CLI: killed mid-run", () => {
  let registry: ScratchRegistry;
  let migrations: ReturnType<typeof migrationsWithExtra>;
  const tenants = Array.from({ length: 24 }, (_, i) => `k_${String(i).padStart(2, "0")}`);

  beforeAll(async () => {
    registry = await createScratchRegistry("migrate_kill");
    await registry.addTenants(...tenants);
    // Two changes with a pause between them: a kill lands inside some tenant's transaction.
    migrations = migrationsWithExtra(
      MIGRATION,
      `CREATE TABLE "Tag" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);
       SELECT pg_sleep(0.15);
       ALTER TABLE "Poll" ADD COLUMN "closedAt" TIMESTAMP(3);`,
    );
  });

  afterAll(async () => {
    migrations.remove();
    await registry.drop();
  });

  it("leaves every schema fully migrated or untouched, and the rerun finishes", async () => {
    const env = { ...registry.env, MIGRATIONS_ROOT: migrations.root };
    // Migrations run on the direct URL: that is where the killed process's backends are to be found.
    const killedUrl = new URL(registry.directUrl);
    killedUrl.searchParams.set("application_name", "killed_migrate");
    const child = spawnCli("migrate", ["--all", "--concurrency", "2"], { ...env, DIRECT_URL: killedUrl.toString() });
    let output = "";
    const killed = new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk;
        if ((output.match(/ applied /g) ?? []).length >= 4 && child.exitCode === null) child.kill("SIGKILL");
      });
      child.on("exit", () => resolve());
    });
    await killed;
    expect(child.signalCode).toBe("SIGKILL");
    // A COMMIT the killed process had already sent may still land; transactions it had not finished
    // roll back once their backend finds the client gone. Count only once those backends are gone.
    await expect
      .poll(async () => (await registry.pool.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'killed_migrate'`)).rowCount, {
        timeout: 10_000,
      })
      .toBe(0);

    const states = await Promise.all(
      tenants.map((slug) => schemaState(registry.pool, slug, "Tag", { table: "Poll", name: "closedAt" }, MIGRATION)),
    );
    const migrated = states.filter((s) => s.recorded).length;
    for (const s of states) expect([s.table, s.column]).toEqual([s.recorded, s.recorded]);
    expect(migrated).toBeGreaterThanOrEqual(4);
    expect(migrated).toBeLessThan(tenants.length);

    const rerun = await runCli("migrate", ["--all", "--concurrency", "4"], env);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(new RegExp(`applied +${tenants.length - migrated}\\b`));
    for (const slug of tenants) {
      expect(await schemaState(registry.pool, slug, "Tag", { table: "Poll", name: "closedAt" }, MIGRATION)).toEqual({
        table: true,
        column: true,
        recorded: true,
      });
    }
  });
});

// Prisma's CLI needs its native schema engine (downloaded at install) or PRISMA_SCHEMA_ENGINE_BINARY.
const prismaEngineAvailable =
  Boolean(process.env.PRISMA_SCHEMA_ENGINE_BINARY) ||
  readdirSync("node_modules/@prisma/engines").some((file) => file.startsWith("schema-engine"));

describe.skipIf(!prismaEngineAvailable)("migrate CLI --engine prisma", () => {
  let registry: ScratchRegistry;
  let migrations: ReturnType<typeof migrationsWithExtra>;
  let onCitus = false;

  beforeAll(async () => {
    registry = await createScratchRegistry("migrate_prisma");
    onCitus = await isCitus(registry.pool);
    await registry.addTenants("p_one", "p_two");
    // Two statements in one file: what Prisma sends as one query, and a Citus coordinator refuses.
    migrations = migrationsWithExtra(MIGRATION, `CREATE TABLE "Tag" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);\nCREATE INDEX "Tag_name_idx" ON "Tag" ("name");`);
  });

  afterAll(async () => {
    migrations.remove();
    await registry.drop();
  });

  it("applies each tenant's pending migration with prisma migrate deploy on <server>?schema=<slug> (refused on Citus)", async () => {
    const env = { ...registry.env, MIGRATIONS_ROOT: migrations.root };
    const result = await runCli("migrate", ["--engine", "prisma", "--concurrency", "1"], env);
    if (onCitus) {
      expect(expectOneLineError(result)).toMatch(/--engine prisma cannot migrate .*: it is a Citus cluster/);
      for (const slug of ["p_one", "p_two"]) expect(await schemaState(registry.pool, slug, "Tag", null, MIGRATION)).toMatchObject({ table: false, recorded: false });
      return;
    }
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/applied +2/);
    for (const slug of ["p_one", "p_two"]) expect(await schemaState(registry.pool, slug, "Tag", null, MIGRATION)).toMatchObject({ table: true, recorded: true });
    // Prisma's bookkeeping and ours agree: the in-process status sees nothing pending.
    expect((await runCli("migrate", ["--check"], env)).code).toBe(0);
  });
});
