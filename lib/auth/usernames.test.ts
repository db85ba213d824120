// Usernames are one account whatever their letters' case (decision 014): refused twice at sign-up, in
// the database itself, and matched at sign-in; look-alike letters are refused outright.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/options";
import { createUser, signUpUser, usernameSchema } from "@/lib/auth/users";
import { loadMigrations, migrateSchema, MigrationError, migrationsDir } from "@/lib/db/migrations";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { createPlatformAdmin } from "@/lib/platform/admins";
import type { Tenant } from "@/lib/tenancy/registry";
import { quoteIdent } from "@/lib/tenancy/schema-name";
import type { TenantContext } from "@/lib/tenancy/next";
import { createTestTenant, dropTestTenant, uniqueSlug } from "@/test/tenants";

const CASE_MIGRATION = "20261201120000_username_case_insensitive";

describe("usernames, case-insensitively", () => {
  let tenant: Tenant;
  let ctx: TenantContext;

  beforeAll(async () => {
    const made = await createTestTenant();
    tenant = made.tenant;
    ctx = { tenant, db: made.db, host: `${tenant.slug}.localhost` };
    await createUser(made.db, { username: "admin", password: "correct horse", role: "admin" });
  });

  afterAll(async () => {
    await dropTestTenant(tenant);
    await closePools();
  });

  it("refuses ADMIN at sign-up beside admin", async () => {
    expect(await signUpUser(ctx.db, { username: "ADMIN", email: "", password: "long enough" })).toEqual({ ok: false, code: "username_taken" });
    expect(await ctx.db.user.count({ where: { username: { equals: "admin", mode: "insensitive" } } })).toBe(1);
  });

  it("stores a new username lower-cased", async () => {
    const made = await signUpUser(ctx.db, { username: "  MixedCase ", email: "", password: "long enough" });
    expect(made.ok && made.user.username).toBe("mixedcase");
  });

  it("has the database refuse a second spelling even when the app's normalising is bypassed", async () => {
    const write = ctx.db.user.create({ data: { username: "Admin", passwordHash: "x" }, select: { id: true } });
    await expect(write).rejects.toMatchObject({ code: "P2002" });
  });

  it("signs ADMIN in as admin", async () => {
    expect(await checkCredentials(ctx, { username: "ADMIN", password: "correct horse" })).toMatchObject({ username: "admin", role: "admin" });
    expect(await checkCredentials(ctx, { username: "ADMIN", password: "wrong horse" })).toBeNull();
  });

  it("refuses look-alike letters with a readable message", () => {
    for (const lookAlike of ["\u0430dmin" /* Cyrillic а */, "ＡＤＭＩＮ" /* fullwidth */, "\u212Aelvin" /* Kelvin sign */, "adm\u0131n" /* dotless ı */, "José"]) {
      const parsed = usernameSchema.safeParse(lookAlike);
      expect(parsed.success, lookAlike).toBe(false);
      expect(parsed.error?.issues[0].message).toMatch(/plain letters a–z/);
    }
  });

  it("refuses a platform admin whose name differs only in case", async () => {
    const name = `ops_${uniqueSlug()}`;
    await createPlatformAdmin({ username: name, password: "correct horse" });
    await expect(createPlatformAdmin({ username: name.toUpperCase(), password: "correct horse" })).rejects.toMatchObject({ code: "P2002" });
  });
});

describe("the case-insensitive username migration", () => {
  const schema = uniqueSlug("clash");
  const pool = () => poolFor(defaultServerUrl());
  const all = () => loadMigrations(migrationsDir("tenant"));

  beforeAll(async () => {
    // A schema as it was before the migration, holding two accounts that differ only in case.
    await migrateSchema(pool(), schema, all().filter((m) => m.name < CASE_MIGRATION));
    await pool().query(
      `INSERT INTO ${quoteIdent(schema)}."User" (username, "passwordHash") VALUES ('admin', 'a'), ('ADMIN', 'b'), ('Carol', 'c'), ('dave', 'd')`,
    );
  });

  afterAll(async () => {
    await pool().query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await closePools();
  });

  it("stops with a report naming the colliding usernames and their schema, and changes nothing", async () => {
    const migrating = migrateSchema(pool(), schema, all());
    await expect(migrating).rejects.toBeInstanceOf(MigrationError);
    const error = (await migrating.catch((e: unknown) => e)) as MigrationError;
    expect(error.migration).toBe(CASE_MIGRATION);
    expect(error.message).toContain(`usernames that differ only in case in schema "${schema}": admin and ADMIN.`);
    expect(error.message).not.toContain("Carol");

    const { rows } = await pool().query<{ username: string }>(`SELECT username FROM ${quoteIdent(schema)}."User" ORDER BY id`);
    expect(rows.map((r) => r.username)).toEqual(["admin", "ADMIN", "Carol", "dave"]);
    const applied = await pool().query(`SELECT 1 FROM ${quoteIdent(schema)}."_prisma_migrations" WHERE migration_name = $1`, [CASE_MIGRATION]);
    expect(applied.rowCount).toBe(0);
  });

  it("applies once the collision is resolved, lower-casing the other usernames", async () => {
    await pool().query(`DELETE FROM ${quoteIdent(schema)}."User" WHERE username = 'ADMIN'`);
    const result = await migrateSchema(pool(), schema, all());
    expect(result.applied).toContain(CASE_MIGRATION);
    const { rows } = await pool().query<{ username: string }>(`SELECT username FROM ${quoteIdent(schema)}."User" ORDER BY id`);
    expect(rows.map((r) => r.username)).toEqual(["admin", "carol", "dave"]);
  });
});
