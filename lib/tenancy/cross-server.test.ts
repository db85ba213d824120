// Creates, renames and deletes of a tenant whose schema is on another server than the registry, when a
// step fails part-way: the tenant's server is down, it stops mid-delete, or the registry's commit fails
// after the other server's. Each leaves the tenant whole or gone, never a half, and never a schema that
// blocks its slug. The second server is a real embedded PostgreSQL that the test stops and starts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { createPoll } from "@/lib/polls/mutations";
import { createUser } from "@/lib/auth/users";
import { renameTenant } from "@/lib/tenancy/lifecycle";
import { createTenant, deleteTenant, settleDeletedSchemas } from "@/lib/tenancy/provision";
import { readTenant, type Tenant } from "@/lib/tenancy/registry";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { dropTestTenant, uniqueSlug } from "@/test/tenants";

describe("a change to a tenant on another server, failing part-way", () => {
  let dataDir: string;
  let second: EmbeddedServer;
  const made: Tenant[] = [];

  const schemasOnSecond = async (like: string) =>
    (await poolFor(second.url).query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1 ORDER BY 1", [like])).rows.map((r) => r.name);
  const make = async (prefix: string) => {
    const tenant = await createTenant({ slug: uniqueSlug(prefix), name: prefix, databaseUrl: second.url });
    made.push(tenant);
    const admin = await createUser(tenantDb(tenant), { username: "admin", password: "correct horse", role: "admin" });
    await createPoll(tenantDb(tenant), admin.id, { question: `${tenant.slug}'s question`, choices: ["yes", "no"] });
    return tenant;
  };
  const questionsOf = async (tenant: Tenant) => (await tenantDb(tenant).poll.findMany({ select: { question: true } })).map((p) => p.question);
  const restartSecond = async () => {
    second = await startEmbeddedPostgres({ dataDir, database: "polls_cross", port: second.port });
  };

  /** A trigger on the registry that fails the commit (not the statement) of any change to `slug`'s row. */
  async function failRegistryCommitFor(slug: string): Promise<() => Promise<void>> {
    const registry = poolFor(defaultServerUrl());
    const name = `fail_commit_${slug}`;
    await registry.query(`CREATE FUNCTION public.${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (TG_OP <> 'INSERT' AND OLD.slug LIKE '${slug}%') OR (TG_OP <> 'DELETE' AND NEW.slug LIKE '${slug}%') THEN
          RAISE EXCEPTION 'registry commit refused for ${slug}';
        END IF;
        RETURN NULL;
      END $$`);
    await registry.query(`CREATE CONSTRAINT TRIGGER ${name} AFTER INSERT OR UPDATE OR DELETE ON public."Tenant"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.${name}()`);
    return async () => {
      await registry.query(`DROP TRIGGER IF EXISTS ${name} ON public."Tenant"`);
      await registry.query(`DROP FUNCTION IF EXISTS public.${name}()`);
    };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "polls-pg-cross-"));
    second = await startEmbeddedPostgres({ dataDir, database: "polls_cross" });
  });

  afterEach(() => vi.restoreAllMocks());

  afterAll(async () => {
    for (const tenant of made) await dropTestTenant(tenant).catch(() => {});
    await closePools();
    await second.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("delete with the tenant's server down changes nothing: the tenant and its data are there when it is back", async () => {
    const tenant = await make("down");
    await second.stop();
    await expect(deleteTenant(tenant.slug)).rejects.toThrow();
    expect(await readTenant("slug", tenant.slug)).toMatchObject({ id: tenant.id });

    await restartSecond();
    expect(await questionsOf(tenant)).toEqual([`${tenant.slug}'s question`]);
  });

  it("a server that stops while the schema is dropped leaves the tenant deleted, its slug free, and a schema `settle` drops", async () => {
    const tenant = await make("midway");
    // A reader on the tenant's table makes the drop wait; the server is stopped while it waits.
    const reader = new pg.Client({ connectionString: second.url });
    reader.on("error", () => {});
    await reader.connect();
    await reader.query("BEGIN");
    await reader.query(`SELECT count(*) FROM "${tenant.slug}"."Poll"`);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});

    const deleting = deleteTenant(tenant.slug);
    try {
      // Read on a connection of its own: inside the reader's transaction the activity view stays as first read.
      const waitingDrops = async () =>
        (await poolFor(second.url).query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DROP SCHEMA%'`)).rows[0].n;
      await expect.poll(waitingDrops, { timeout: 15_000 }).toBe(1);
      await second.stop();
      await deleting; // the delete itself is done: the registry committed before the drop
    } finally {
      await reader.end().catch(() => {});
    }

    expect(await readTenant("slug", tenant.slug)).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`${tenant.slug} is deleted, but its data .* waits in schema "_deleted_${tenant.id}".*tenants -- settle`)));

    await restartSecond();
    expect(await schemasOnSecond(`${tenant.slug}%`)).toEqual([]);
    expect(await schemasOnSecond(`_deleted_${tenant.id}`)).toEqual([`_deleted_${tenant.id}`]);
    // The slug is free at once: a new tenant takes it, with none of the old data.
    const again = await createTenant({ slug: tenant.slug, name: "again", databaseUrl: second.url });
    made.push(again);
    expect(await questionsOf(again)).toEqual([]);

    expect(await settleDeletedSchemas(second.url)).toEqual([`dropped "_deleted_${tenant.id}"`]);
    expect(await schemasOnSecond(`_deleted_${tenant.id}`)).toEqual([]);
    expect(await questionsOf(again)).toEqual([]);
  });

  it("a registry commit that fails after the schema's undoes the delete, the rename and the create on the other server", async () => {
    const tenant = await make("undo");
    const allow = await failRegistryCommitFor(tenant.slug);
    try {
      await expect(deleteTenant(tenant.slug)).rejects.toThrow(/registry commit refused/);
      await expect(renameTenant(tenant.slug, `${tenant.slug}_new`)).rejects.toThrow(/registry commit refused/);
      const newcomer = `${tenant.slug}_born`;
      await expect(createTenant({ slug: newcomer, name: "born", databaseUrl: second.url })).rejects.toThrow(/registry commit refused/);
      expect(await schemasOnSecond(`${tenant.slug}%`)).toEqual([tenant.slug]);
      expect(await schemasOnSecond(`_deleted_%`)).toEqual([]);
    } finally {
      await allow();
    }
    expect(await readTenant("slug", tenant.slug)).toMatchObject({ id: tenant.id });
    expect(await questionsOf(tenant)).toEqual([`${tenant.slug}'s question`]);
  });

  it("settle renames back a set-aside schema whose tenant is still registered, and leaves others' schemas alone", async () => {
    const tenant = await make("settle");
    // What an undone delete whose rename back failed leaves behind.
    await poolFor(second.url).query(`ALTER SCHEMA "${tenant.slug}" RENAME TO "_deleted_${tenant.id}"`);
    await poolFor(second.url).query(`CREATE SCHEMA IF NOT EXISTS "_deleted_notanid"`);
    expect(await settleDeletedSchemas(second.url)).toEqual([`renamed "_deleted_${tenant.id}" back to "${tenant.slug}"`]);
    expect(await questionsOf(tenant)).toEqual([`${tenant.slug}'s question`]);
    expect(await schemasOnSecond("_deleted_%")).toEqual(["_deleted_notanid"]);
  });
});
