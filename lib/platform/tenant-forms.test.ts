import { afterAll, describe, expect, it } from "vitest";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { createTenantFromForm, deleteTenantFromForm, renameTenantFromForm } from "@/lib/platform/tenant-forms";
import { findTenantByDomain, findTenantBySlug } from "@/lib/tenancy/registry";
import { createTestTenant, dropTestTenant, uniqueSlug } from "@/test/tenants";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/**
 * What a submission left behind: registry rows under its (unique) name, schemas named like its slug,
 * domain rows for its domain. Other test files share the database, so counts are scoped to this input.
 */
async function leftovers(input: { name: string; slug: string; domain?: string }) {
  const db = poolFor(defaultServerUrl());
  const tenants = await db.query(`SELECT 1 FROM public."Tenant" WHERE name = $1 OR slug = $2`, [input.name.trim(), input.slug]);
  const schemas = await db.query(`SELECT 1 FROM pg_namespace WHERE lower(nspname) = lower($1)`, [input.slug]);
  const domains = await db.query(`SELECT 1 FROM public."Domain" WHERE domain = lower(trim($1))`, [input.domain ?? ""]);
  return { tenants: tenants.rowCount, schemas: schemas.rowCount, domains: domains.rowCount };
}

const NOTHING = { tenants: 0, schemas: 0, domains: 0 };

afterAll(async () => {
  await closePools();
});

describe("the platform's create-tenant form", () => {
  const hostileSlugs = [
    "",
    "Thor",
    "1thor",
    "thor-dash",
    "pg_catalog",
    "public",
    "information_schema",
    "site",
    "admin",
    "www",
    'thor"; DROP SCHEMA public CASCADE; --',
    "../potter",
    "thor.potter",
    " thor",
    "thör",
    "t".repeat(64),
  ];
  it.each(hostileSlugs)("refuses the slug %j beside the slug field and creates nothing", async (slug) => {
    const name = `Hostile ${uniqueSlug()}`;
    const result = await createTenantFromForm(form({ name, slug, domain: "" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.slug).toMatch(/\w/);
    expect(result.fieldErrors.name).toBeUndefined();
    expect(result.values.slug).toBe(slug); // the form shows what was typed
    // Reserved names such as public exist already; the point is that no tenant row claims them.
    const left = await leftovers({ name, slug });
    expect(left.tenants).toBe(0);
    if (!["public", "information_schema", "pg_catalog"].includes(slug)) expect(left.schemas).toBe(0);
  });

  const hostileDomains = [
    "localhost",
    "potter.localhost",
    "new.thor.localhost",
    "http://evil.example.com",
    "evil.example.com/admin",
    "evil.example.com:8080",
    "*.example.com",
    "a b.example.com",
    "-evil.example.com",
    "evil..example.com",
    "<script>.example.com",
    "example",
    `${"a".repeat(64)}.example.com`,
  ];
  it.each(hostileDomains)("refuses the domain %j beside the domain field and creates nothing", async (domain) => {
    const slug = uniqueSlug("hd");
    const name = `Hostile ${slug}`;
    const result = await createTenantFromForm(form({ name, slug, domain }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.domain).toMatch(/\w/);
    expect(result.fieldErrors.slug).toBeUndefined();
    expect(await leftovers({ name, slug, domain })).toEqual(NOTHING);
    expect(await findTenantBySlug(slug)).toBeNull();
  });

  it("reports every invalid field at once", async () => {
    for (const domain of ["not a domain", "potter.localhost"]) {
      const result = await createTenantFromForm(form({ name: "   ", slug: "Bad Slug", domain }));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(Object.keys(result.fieldErrors).sort()).toEqual(["domain", "name", "slug"]);
    }
  });

  it("creates a tenant with a custom domain, then refuses the same slug and the same domain, each beside its field", async () => {
    const slug = uniqueSlug("mydomain"); // a slug's conflict stays beside the slug, whatever its words
    const domain = `${slug.replaceAll("_", "-")}.example.com`;
    const created = await createTenantFromForm(form({ name: " New tenant ", slug, domain: domain.toUpperCase() }));
    expect(created).toEqual({ ok: true, slug, name: "New tenant" });
    const tenant = await findTenantBySlug(slug);
    expect(tenant).toMatchObject({ slug, name: "New tenant" });
    expect(await findTenantByDomain(domain)).toMatchObject({ slug });

    const sameSlug = await createTenantFromForm(form({ name: `Again ${slug}`, slug, domain: "" }));
    expect(sameSlug.ok === false && sameSlug.fieldErrors).toEqual({ slug: `The slug "${slug}" is already taken` });
    const otherSlug = uniqueSlug("ok");
    const sameDomain = await createTenantFromForm(form({ name: `Again ${otherSlug}`, slug: otherSlug, domain }));
    expect(sameDomain.ok === false && sameDomain.fieldErrors).toEqual({ domain: "That domain is already in use" });
    expect(await leftovers({ name: `Again ${slug}`, slug: "-" })).toEqual(NOTHING);
    expect(await leftovers({ name: `Again ${otherSlug}`, slug: otherSlug })).toEqual(NOTHING);

    await dropTestTenant(tenant!);
  });
});

describe("the platform's rename form", () => {
  it("refuses another tenant's slug in the words the create form uses, and renames neither", async () => {
    const { tenant: mine } = await createTestTenant();
    const { tenant: theirs } = await createTestTenant();
    const result = await renameTenantFromForm(mine.slug, form({ newSlug: theirs.slug, confirmation: mine.slug }));
    expect(result).toEqual({ ok: false, fieldErrors: { newSlug: `The slug "${theirs.slug}" is already taken` }, values: { newSlug: theirs.slug } });
    expect(await findTenantBySlug(mine.slug)).toMatchObject({ id: mine.id });
    expect(await findTenantBySlug(theirs.slug)).toMatchObject({ id: theirs.id });
    for (const tenant of [mine, theirs]) await dropTestTenant(tenant);
  });
});

describe("the platform's delete-tenant form", () => {
  it("refuses a wrong confirmation and changes nothing, then deletes on the exact slug", async () => {
    const slug = uniqueSlug("del");
    expect((await createTenantFromForm(form({ name: "Doomed", slug, domain: "" }))).ok).toBe(true);
    const before = await leftovers({ name: "-", slug });
    expect(before).toEqual({ tenants: 1, schemas: 1, domains: 0 });

    for (const confirmation of ["", "yes", slug.toUpperCase(), `${slug}x`, "del"]) {
      const refused = await deleteTenantFromForm(slug, form({ confirmation }));
      expect(refused.ok === false && refused.fieldErrors.confirmation).toMatch(new RegExp(slug));
    }
    expect(await leftovers({ name: "-", slug })).toEqual(before);
    expect(await findTenantBySlug(slug)).not.toBeNull();

    expect(await deleteTenantFromForm(slug, form({ confirmation: slug }))).toEqual({ ok: true });
    expect(await findTenantBySlug(slug)).toBeNull();
    expect(await leftovers({ name: "-", slug })).toEqual(NOTHING);
  });

  it("reports a tenant that no longer exists as a form error", async () => {
    const slug = uniqueSlug("gone");
    const result = await deleteTenantFromForm(slug, form({ confirmation: slug }));
    expect(result.ok === false && result.formError).toMatch(/No tenant/);
  });
});

describe("the create form's field errors", () => {
  it("name only the fields that are wrong", async () => {
    const result = await createTenantFromForm(form({ name: "Fine", slug: "Bad Slug", domain: "fine.example.com" }));
    expect(result.ok === false && result.fieldErrors).toEqual({ slug: expect.stringMatching(/lowercase/) });
  });
});
