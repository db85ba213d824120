// A tenant deleted or renamed behind this process's back — no notification reaches it, as behind
// PgBouncer without a direct LISTEN — is "no such site" at once, not a 500 until its cache entry expires.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { findTenantBySlug, type Tenant } from "@/lib/tenancy/registry";
import { registryListenerPid, stopRegistryListener } from "@/lib/tenancy/registry-events";
import { quoteIdent } from "@/lib/tenancy/schema-name";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { guardVanishedTenant } from "@/lib/tenancy/vanished-tenant";
import { createTestTenant, dropTestTenant, uniqueSlug } from "@/test/tenants";

// The API finds its tenant from the request's host, read through next/headers.
const requestHeaders = vi.hoisted(() => ({ current: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders.current,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));

const GONE = new Error("gone");
const onGone = (): never => {
  throw GONE;
};

/** Deletes a tenant as another instance or the CLI would, but sends no notification. */
async function deleteBehindTheCache(tenant: Tenant) {
  await poolFor(defaultServerUrl()).query(`DROP SCHEMA ${quoteIdent(tenant.slug)} CASCADE`);
  await poolFor(defaultServerUrl()).query(`DELETE FROM public."Tenant" WHERE id = $1`, [tenant.id]);
}

async function renameBehindTheCache(tenant: Tenant, slug: string) {
  await poolFor(defaultServerUrl()).query(`ALTER SCHEMA ${quoteIdent(tenant.slug)} RENAME TO ${quoteIdent(slug)}`);
  await poolFor(defaultServerUrl()).query(`UPDATE public."Tenant" SET slug = $1 WHERE id = $2`, [slug, tenant.id]);
}

async function getPolls(host: string): Promise<Response> {
  const { GET } = await import("@/app/api/polls/route");
  requestHeaders.current = new Headers({ host });
  return GET(new NextRequest("http://localhost/api/polls", { headers: { host } }), { params: Promise.resolve({}) });
}

describe("a tenant that vanished under the cache", () => {
  let tenant: Tenant;

  beforeAll(async () => {
    await stopRegistryListener(); // no notification reaches this process
  });

  beforeEach(async () => {
    tenant = (await createTestTenant({ slug: uniqueSlug("gone") })).tenant;
    expect(await findTenantBySlug(tenant.slug)).toEqual(tenant); // cached from here on
  });

  afterAll(async () => {
    await closePools();
  });

  it("is still in this process's cache, and its plain client fails with a missing table", async () => {
    expect(registryListenerPid()).toBeNull();
    await deleteBehindTheCache(tenant);
    expect(await findTenantBySlug(tenant.slug)).toEqual(tenant);
    await expect(tenantDb(tenant).poll.findMany({ select: { id: true } })).rejects.toMatchObject({ code: "P2021" });
  });

  it("deleted: a guarded query re-reads the registry, ends the request as gone, and the cache forgets it", async () => {
    await deleteBehindTheCache(tenant);
    const db = guardVanishedTenant(tenant, tenantDb(tenant), onGone);
    await expect(db.poll.findMany({ select: { id: true } })).rejects.toBe(GONE);
    await expect(db.$transaction((tx) => tx.poll.count())).rejects.toBe(GONE);
    expect(await findTenantBySlug(tenant.slug)).toBeNull();
  });

  it("renamed: the old slug is gone the same way, and the new one is served", async () => {
    const renamed = uniqueSlug("moved");
    await renameBehindTheCache(tenant, renamed);
    const db = guardVanishedTenant(tenant, tenantDb(tenant), onGone);
    await expect(db.user.count()).rejects.toBe(GONE);
    expect(await findTenantBySlug(tenant.slug)).toBeNull();
    const moved = await findTenantBySlug(renamed);
    expect(moved?.id).toBe(tenant.id);
    expect(await guardVanishedTenant(moved!, tenantDb(moved!), onGone).poll.count()).toBe(0);
    await dropTestTenant(moved!);
  });

  it("still registered: a missing table is the error it is (a 500), not a 404", async () => {
    await poolFor(defaultServerUrl()).query(`DROP TABLE ${quoteIdent(tenant.slug)}."Vote"`);
    const db = guardVanishedTenant(tenant, tenantDb(tenant), onGone);
    await expect(db.vote.count()).rejects.toMatchObject({ code: "P2021" });
    expect(await findTenantBySlug(tenant.slug)).toEqual(tenant);
    await dropTestTenant(tenant);
  });

  it("through the JSON API: 200 before, 404 JSON right after the deletion, not a 500", async () => {
    const host = `${tenant.slug}.localhost:3000`;
    expect((await getPolls(host)).status).toBe(200);
    await deleteBehindTheCache(tenant);
    const response = await getPolls(host);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "No such site" } });
  });
});
