// Tenants placed on two PostgreSQL servers (the test server and a second embedded cluster): one pool
// per server, queries routed to the tenant's own server, migrate-all and the lifecycle covering both.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { closePools, openPools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { createPoll } from "@/lib/polls/mutations";
import { renameTenant } from "@/lib/tenancy/lifecycle";
import { allTenantTargets, readMigrationStatus, runMigrations } from "@/lib/tenancy/migrate-all";
import { deleteTenant } from "@/lib/tenancy/provision";
import type { Tenant } from "@/lib/tenancy/registry";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { tenantServerUrl } from "@/lib/tenancy/servers";
import { runCli } from "@/test/cli";
import { copyMigrationsRoot, type MigrationsRoot } from "@/test/migrations-root";
import { createTestTenant, dropTestTenant, uniqueSlug } from "@/test/tenants";

const NEW_MIGRATION = "20990101000000_poll_closed_at";

describe("tenants on two PostgreSQL servers", () => {
  let dataDir: string;
  let second: EmbeddedServer;
  let here: Tenant;
  const there: Tenant[] = [];
  let migrations: MigrationsRoot;

  const schemaOn = async (serverUrl: string, schema: string) =>
    (await poolFor(serverUrl).query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount === 1;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "polls-pg-second-"));
    second = await startEmbeddedPostgres({ dataDir, database: "polls_second" });
    here = (await createTestTenant({ slug: uniqueSlug("here") })).tenant;
    for (const prefix of ["there", "yonder"]) {
      there.push((await createTestTenant({ slug: uniqueSlug(prefix), databaseUrl: second.url })).tenant);
    }
  });

  afterAll(async () => {
    delete process.env.MIGRATIONS_ROOT;
    migrations?.remove();
    for (const tenant of [here, ...there]) await dropTestTenant(tenant).catch(() => {});
    await closePools();
    await second.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("puts each schema on its own server only, with one pool per server", async () => {
    expect(await schemaOn(defaultServerUrl(), here.slug)).toBe(true);
    for (const tenant of there) {
      expect(tenantServerUrl(tenant)).not.toBe(defaultServerUrl());
      expect(await schemaOn(second.url, tenant.slug)).toBe(true);
      expect(await schemaOn(defaultServerUrl(), tenant.slug)).toBe(false);
    }
    expect(await schemaOn(second.url, here.slug)).toBe(false);
    // Two tenants on the second server share its one pool: two pools in all, whatever the tenant count.
    await Promise.all([here, ...there].map((t) => tenantDb(t).poll.count()));
    expect([...openPools().keys()].sort()).toEqual([defaultServerUrl(), new URL(second.url).toString()].sort());
  });

  it("routes each tenant's queries to its server and keeps their data apart", async () => {
    const [a, b] = there;
    for (const tenant of [here, a, b]) {
      const db = tenantDb(tenant);
      const admin = await createUser(db, { username: "admin", password: "correct horse", role: "admin" });
      await createPoll(db, admin.id, { question: `${tenant.slug} question`, choices: ["yes", "no"] });
    }

    // Read behind the client's back, on the second server itself.
    const direct = new pg.Client({ connectionString: second.url });
    await direct.connect();
    try {
      const { rows } = await direct.query(`SELECT question FROM "${a.slug}"."Poll"`);
      expect(rows).toEqual([{ question: `${a.slug} question` }]);
    } finally {
      await direct.end();
    }
    for (const tenant of [here, a, b]) {
      const polls = await tenantDb(tenant).poll.findMany({ select: { question: true } });
      expect(polls).toEqual([{ question: `${tenant.slug} question` }]);
    }
  });

  it("migrate-all reads the status of both servers and migrates tenants on each", async () => {
    migrations = copyMigrationsRoot({ [NEW_MIGRATION]: `ALTER TABLE "Poll" ADD COLUMN "closedAt" TIMESTAMP(3);` });
    process.env.MIGRATIONS_ROOT = migrations.root;
    // The registry lists every tenant with its server; this test migrates its own three.
    const mine = new Set([here, ...there].map((t) => t.slug));
    const targets = (await allTenantTargets()).filter((t) => mine.has(t.name));
    expect(new Set(targets.map((t) => t.serverUrl)).size).toBe(2);

    const before = await readMigrationStatus(targets);
    expect(before.map((s) => s.pending)).toEqual(targets.map(() => [NEW_MIGRATION]));

    const report = await runMigrations(targets, { concurrency: 3 });
    expect(report.outcomes.map((o) => o.status)).toEqual(["applied", "applied", "applied"]);
    for (const tenant of there) {
      const { rows } = await poolFor(second.url).query(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'Poll' AND column_name = 'closedAt'",
        [tenant.slug],
      );
      expect(rows).toHaveLength(1);
    }
    expect((await readMigrationStatus(targets)).every((s) => s.pending.length === 0)).toBe(true);

    // The CLI process finds them through the registry too.
    const check = await runCli("migrate", [...[...mine].flatMap((slug) => ["--tenant", slug]), "--check"], { MIGRATIONS_ROOT: migrations.root });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain("0 of 3 schemas have pending migrations");
  });

  it("renames and deletes a tenant on the other server there", async () => {
    const [a] = there;
    const renamed = await renameTenant(a.slug, uniqueSlug("moved"));
    there[0] = renamed;
    expect(await schemaOn(second.url, renamed.slug)).toBe(true);
    expect(await schemaOn(second.url, a.slug)).toBe(false);
    expect(await tenantDb(renamed).poll.findMany({ select: { question: true } })).toEqual([{ question: `${a.slug} question` }]);

    await deleteTenant(renamed.slug);
    expect(await schemaOn(second.url, renamed.slug)).toBe(false);
    expect(await schemaOn(second.url, there[1].slug)).toBe(true);
  });
});
