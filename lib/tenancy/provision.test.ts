import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { tenantConnectionString } from "@/lib/db/connection-string";
import { migrateTenant } from "@/lib/tenancy/migrate";
import { tenantDirectUrl } from "@/lib/tenancy/migrate-all";
import { createTenant, deleteTenant, TenancyError } from "@/lib/tenancy/provision";
import { findTenantBySlug } from "@/lib/tenancy/registry";
import { createTestTenant, dropTestTenant, uniqueSlug } from "@/test/tenants";

const run = promisify(execFile);
const db = () => poolFor(defaultServerUrl());

async function schemaCount(): Promise<number> {
  const { rows } = await db().query<{ n: string }>("SELECT count(*) AS n FROM pg_namespace");
  return Number(rows[0].n);
}
async function tenantCount(): Promise<number> {
  const { rows } = await db().query<{ n: string }>('SELECT count(*) AS n FROM public."Tenant"');
  return Number(rows[0].n);
}

afterAll(() => closePools());

describe("createTenant", () => {
  it("creates the registry row and a fully migrated schema", async () => {
    const { tenant, db: tenantDb } = await createTestTenant({ name: "Asgard" });
    expect(await findTenantBySlug(tenant.slug)).toEqual({
      id: tenant.id,
      slug: tenant.slug,
      name: "Asgard",
      databaseUrl: null,
      description: "",
      accentColor: null,
      logoUrl: null,
    });
    expect(await tenantDb.poll.count()).toBe(0);
    const { rows } = await db().query(`SELECT migration_name FROM ${tenant.slug}."_prisma_migrations"`);
    expect(rows.length).toBeGreaterThan(0);
    await dropTestTenant(tenant);
  });

  const hostile = ['a"; drop schema public; --', "pg_x", "public", "information_schema", "Select", "C2", "x".repeat(64), ""];
  it.each(hostile)("refuses %j and creates nothing", async (slug) => {
    const existing = await createTestTenant({ slug: "c2" }).catch(() => null); // `C2` must clash with `c2`
    const [schemas, tenants] = [await schemaCount(), await tenantCount()];
    await expect(createTenant({ slug, name: "Hostile" })).rejects.toBeInstanceOf(TenancyError);
    expect(await schemaCount()).toBe(schemas);
    expect(await tenantCount()).toBe(tenants);
    const publicTables = await db().query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'");
    expect(publicTables.rowCount).toBeGreaterThan(0);
    if (existing) await dropTestTenant(existing.tenant);
  });

  it("refuses a slug whose schema already exists outside the registry", async () => {
    const slug = uniqueSlug();
    await db().query(`CREATE SCHEMA ${slug}`);
    await expect(createTenant({ slug, name: "Squatter" })).rejects.toThrow(/already exists/);
    expect(await findTenantBySlug(slug)).toBeNull();
    await db().query(`DROP SCHEMA ${slug}`);
  });

  it("leaves nothing behind when a migration fails half-way", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "polls-migrations-"));
    cpSync(path.join("prisma", "tenant"), path.join(root, "tenant"), { recursive: true });
    mkdirSync(path.join(root, "tenant", "migrations", "99990101000000_broken"));
    writeFileSync(path.join(root, "tenant", "migrations", "99990101000000_broken", "migration.sql"), "SELECT * FROM no_such_table;");
    process.env.MIGRATIONS_ROOT = root;
    const slug = uniqueSlug();
    try {
      await expect(createTenant({ slug, name: "Broken" })).rejects.toThrow(/99990101000000_broken/);
    } finally {
      delete process.env.MIGRATIONS_ROOT;
      rmSync(root, { recursive: true, force: true });
    }
    expect(await findTenantBySlug(slug)).toBeNull();
    const { rowCount } = await db().query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [slug]);
    expect(rowCount).toBe(0);
  });

  it("refuses a duplicate slug with a conflict", async () => {
    const { tenant } = await createTestTenant();
    await expect(createTenant({ slug: tenant.slug, name: "Again" })).rejects.toMatchObject({ code: "conflict" });
    await dropTestTenant(tenant);
  });
});

describe("deleteTenant", () => {
  it("drops the schema and the registry row", async () => {
    const { tenant } = await createTestTenant({ domains: ["polls.deleted.example"] });
    await deleteTenant(tenant.slug);
    expect(await findTenantBySlug(tenant.slug)).toBeNull();
    expect((await db().query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [tenant.slug])).rowCount).toBe(0);
    expect((await db().query(`SELECT 1 FROM public."Domain" WHERE domain = 'polls.deleted.example'`)).rowCount).toBe(0);
  });

  it("reports an unknown tenant", async () => {
    await expect(deleteTenant("no_such_tenant")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("in-process migrations", () => {
  it("are idempotent and agree with `prisma migrate status`", async () => {
    const { tenant } = await createTestTenant();
    expect((await migrateTenant(tenant)).applied).toEqual([]);
    // Prisma's CLI sets the schema per session (a startup parameter PgBouncer drops): it gets the direct URL.
    const { stdout } = await run(
      "npx",
      ["prisma", "migrate", "status", "--config", "prisma/tenant/prisma.config.ts"],
      { env: { ...process.env, DATABASE_URL: tenantConnectionString(tenantDirectUrl(tenant), tenant.slug) } },
    );
    expect(stdout).toContain("Database schema is up to date!");
    await dropTestTenant(tenant);
  });
});
