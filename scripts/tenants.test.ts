// The tenants CLI, spawned for real: exit codes, output and what it leaves behind. It runs on a registry
// database of its own, so "nothing was created" can be checked by exact counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { loadMigrations, migrationsDir } from "@/lib/db/migrations";
import { quoteIdent } from "@/lib/tenancy/schema-name";
import { expectOneLineError, runCli } from "@/test/cli";
import { createScratchRegistry, type ScratchRegistry } from "@/test/scratch-registry";
import { uniqueSlug } from "@/test/tenants";

let registry: ScratchRegistry;
const tenants = (...args: string[]) => runCli("tenants", args, { ...registry.env });
const db = () => registry.pool;
/** Every tenant migration there is: a fresh tenant has all of them applied. */
const TENANT_MIGRATIONS = loadMigrations(migrationsDir("tenant")).length;

async function registryState() {
  const { rows } = await db().query<{ tenants: number; domains: number; schemas: number }>(
    `SELECT (SELECT count(*)::int FROM public."Tenant") AS tenants,
            (SELECT count(*)::int FROM public."Domain") AS domains,
            (SELECT count(*)::int FROM pg_namespace) AS schemas`,
  );
  return rows[0];
}

async function schemaExists(name: string): Promise<boolean> {
  const { rows } = await db().query<{ found: boolean }>("SELECT to_regnamespace($1) IS NOT NULL AS found", [quoteIdent(name)]);
  return rows[0].found;
}

async function domainsOf(slug: string) {
  const { rows } = await db().query<{ domain: string; isPrimary: boolean }>(
    `SELECT d.domain, d."isPrimary" FROM public."Domain" d JOIN public."Tenant" t ON t.id = d."tenantId"
      WHERE t.slug = $1 ORDER BY d.domain`,
    [slug],
  );
  return rows;
}

beforeAll(async () => {
  registry = await createScratchRegistry("tenants_cli");
});

afterAll(async () => {
  await registry.drop();
});

async function checkPlatformAdmin(username: string, password: string): Promise<boolean> {
  const { rows } = await db().query<{ passwordHash: string }>(`SELECT "passwordHash" FROM public."PlatformAdmin" WHERE username = $1`, [username]);
  return rows.length === 1 && (await verifyPassword(password, rows[0].passwordHash));
}

describe("tenants CLI refuses hostile input and creates nothing", () => {
  const hostileSlugs = ['a"; drop schema public; --', "pg_catalog", "public", "Thor", "../etc", "x".repeat(64)];
  const hostileDomains = [
    "evil.com/../x",
    "thor.localhost", // another tenant's subdomain host
    "x.com; drop table",
    "-lead.example.com",
  ];

  it.each(hostileSlugs)("create %j", async (slug) => {
    const before = await registryState();
    const result = await tenants("create", slug);
    expect(result.code).toBe(2);
    expect(expectOneLineError(result)).toMatch(/Slug|slug/);
    expect(await registryState()).toEqual(before);
  });

  it.each(hostileDomains)("create with --domain %j", async (domain) => {
    const slug = uniqueSlug("hd");
    const before = await registryState();
    const result = await tenants("create", slug, `--domain=${domain}`);
    expect(result.code).toBe(2);
    expect(expectOneLineError(result)).toMatch(/domain/i);
    expect(await registryState()).toEqual(before);
    expect(await schemaExists(slug)).toBe(false);
  });

  it("create with a --database-url that is not a postgresql:// URL", async () => {
    const slug = uniqueSlug("du");
    const before = await registryState();
    const result = await tenants("create", slug, "--database-url", "file:///etc/passwd");
    expect(result.code).toBe(2);
    expect(expectOneLineError(result)).toContain("postgresql://");
    expect(await registryState()).toEqual(before);
  });

  it("refuses unknown commands and options with one line and exit code 2", async () => {
    expect(expectOneLineError(await tenants("frobnicate"))).toContain('unknown command "frobnicate"');
    const badOption = await tenants("create", "okslug", "--colour", "red");
    expect(badOption.code).toBe(2);
    expect(expectOneLineError(badOption)).toContain("--colour");
    expect(await schemaExists("okslug")).toBe(false);
  });
});

describe("tenants CLI lifecycle", () => {
  const slug = uniqueSlug("cli");
  const renamed = uniqueSlug("ren");
  const domain = `${slug.replace("_", "-")}.example.com`;
  const second = `www.${domain}`;

  it("create makes the registry row, the primary domain and a fully migrated schema", async () => {
    const result = await tenants("create", slug, "--name", "CLI Corp", "--domain", domain);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`created tenant "${slug}"`);
    expect(await schemaExists(slug)).toBe(true);
    expect(await domainsOf(slug)).toEqual([{ domain, isPrimary: true }]);

    const list = await tenants("list", "--json");
    const row = (JSON.parse(list.stdout) as { slug: string; name: string; applied: number; pending: number }[]).find((r) => r.slug === slug);
    expect(row).toMatchObject({ name: "CLI Corp", applied: TENANT_MIGRATIONS, pending: 0 });
  });

  it("create refuses a taken slug or domain, leaving the first tenant as it was", async () => {
    const before = await registryState();
    expect(expectOneLineError(await tenants("create", slug))).toContain("already");
    expect(expectOneLineError(await tenants("create", uniqueSlug("dup"), "--domain", domain))).toContain("already in use");
    expect(await registryState()).toEqual(before);
  });

  it("add-domain and remove-domain keep exactly one primary", async () => {
    expect((await tenants("add-domain", slug, second)).code).toBe(0);
    expect(await domainsOf(slug)).toEqual([
      { domain, isPrimary: true },
      { domain: second, isPrimary: false },
    ]);
    expect((await tenants("add-domain", slug, second.toUpperCase())).code).toBe(1); // same host, any case
    expect((await tenants("add-domain", slug, "thor.localhost")).code).toBe(2);

    expect((await tenants("remove-domain", slug, domain)).code).toBe(0);
    expect(await domainsOf(slug)).toEqual([{ domain: second, isPrimary: true }]);
    expect((await tenants("add-domain", slug, domain, "--primary")).code).toBe(0);
    expect(await domainsOf(slug)).toEqual([
      { domain, isPrimary: true },
      { domain: second, isPrimary: false },
    ]);
    expect(expectOneLineError(await tenants("remove-domain", slug, "nope.example.com"))).toContain("no domain");
  });

  it("exec createsuperuser and seed run inside the tenant's schema", async () => {
    const create = await tenants("exec", slug, "--", "createsuperuser", "--username", "boss", "--password", "correct horse", "--email", "boss@example.com");
    expect(create.code, create.stderr).toBe(0);
    expect(create.stdout).toContain(`${slug}: created admin "boss"`);
    const { rows } = await db().query<{ username: string; role: string; passwordHash: string }>(
      `SELECT username, role, "passwordHash" FROM ${quoteIdent(slug)}."User"`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: "boss", role: "admin" });
    expect(await verifyPassword("correct horse", rows[0].passwordHash)).toBe(true);

    expect(expectOneLineError(await tenants("exec", slug, "--", "createsuperuser", "--username", "x", "--password", "short"))).toContain("at least");
    // The same name in other letters' case is the same account, refused rather than made twice.
    const twin = await tenants("exec", slug, "--", "createsuperuser", "--username", "BOSS", "--password", "correct horse");
    expect(twin.code).not.toBe(0);
    expect(twin.stderr).toContain("that username is already taken");

    const seed = await tenants("exec", slug, "--", "seed");
    expect(seed.stdout).toContain(`${slug}: seeded 2 polls`);
    const again = await tenants("exec", slug, "--", "seed");
    expect(again.stdout).toContain("already has polls");
    const polls = await db().query(`SELECT 1 FROM ${quoteIdent(slug)}."Poll"`);
    expect(polls.rowCount).toBe(2);
  });

  it("rename moves the schema, its data and its registry row together", async () => {
    const result = await tenants("rename", slug, renamed);
    expect(result.code, result.stderr).toBe(0);
    expect(await schemaExists(slug)).toBe(false);
    expect(await schemaExists(renamed)).toBe(true);
    const { rows } = await db().query(`SELECT username FROM ${quoteIdent(renamed)}."User"`);
    expect(rows).toEqual([{ username: "boss" }]);
    expect(await domainsOf(renamed)).toHaveLength(2);

    expect(expectOneLineError(await tenants("rename", renamed, "Bad-Name"))).toContain("Slug");
    expect(expectOneLineError(await tenants("rename", "no_such_tenant", uniqueSlug()))).toContain("No tenant");
    expect(await schemaExists(renamed)).toBe(true);
  });

  it("delete without --force changes nothing; with it, schema and rows are gone", async () => {
    const before = await registryState();
    const refused = await tenants("delete", renamed);
    expect(refused.code).toBe(1);
    expect(expectOneLineError(refused)).toContain("--force");
    expect(await registryState()).toEqual(before);
    expect(await schemaExists(renamed)).toBe(true);

    const deleted = await tenants("delete", renamed, "--force");
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(await schemaExists(renamed)).toBe(false);
    expect(await registryState()).toEqual({ tenants: before.tenants - 1, domains: before.domains - 2, schemas: before.schemas - 1 });
    expect(expectOneLineError(await tenants("delete", renamed, "--force"))).toContain("no tenant");
  });
});

describe("tenants CLI createsuperuser", () => {
  it("makes a platform admin who can sign in, and refuses a duplicate", async () => {
    const username = `ops_${uniqueSlug()}`;
    const result = await tenants("createsuperuser", "--username", username, "--password", "correct horse battery");
    expect(result.code, result.stderr).toBe(0);
    expect(await checkPlatformAdmin(username, "correct horse battery")).toBe(true);
    expect(await checkPlatformAdmin(username, "wrong password")).toBe(false);
    expect(expectOneLineError(await tenants("createsuperuser", "--username", username, "--password", "another one"))).toContain("already exists");
    expect(expectOneLineError(await tenants("createsuperuser", "--username", username.toUpperCase(), "--password", "another one"))).toContain("already exists");
    // No terminal to prompt on: the missing password is an error, not a hang.
    expect(expectOneLineError(await tenants("createsuperuser", "--username", "someone"))).toContain("--password");
  });
});

describe("tenants CLI list with one tenant's server down", () => {
  const slug = uniqueSlug("gone");
  const healthy = uniqueSlug("up");

  beforeAll(async () => {
    await registry.addTenants(healthy);
    // Nothing listens on port 1: the tenant's server refuses every connection.
    await db().query(`INSERT INTO public."Tenant" (slug, name, "databaseUrl") VALUES ($1, $1, 'postgresql://postgres@127.0.0.1:1/postgres')`, [slug]);
  });
  afterAll(() => db().query(`DELETE FROM public."Tenant" WHERE slug = $1`, [slug]));

  it("lists every tenant, marks that one unreachable, and exits 1 with one line saying why", async () => {
    const json = await tenants("list", "--json");
    expect(json.code).toBe(1);
    const rows = JSON.parse(json.stdout) as { slug: string; applied: number; unreachable?: string }[];
    expect(rows.find((r) => r.slug === slug)?.unreachable).toMatch(/ECONNREFUSED/);
    expect(rows.find((r) => r.slug === healthy)).toMatchObject({ applied: TENANT_MIGRATIONS, pending: 0 });
    expect(rows.find((r) => r.slug === healthy)).not.toHaveProperty("unreachable");

    const table = await tenants("list");
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(new RegExp(`${slug}.*server unreachable`));
    expect(table.stdout).toMatch(new RegExp(`${healthy}.*${TENANT_MIGRATIONS} applied, 0 pending`));
    expect(table.stderr.trim().split("\n")).toHaveLength(1);
    expect(table.stderr).toContain("could not be reached");
  });
});
