import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closePools, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import {
  clearTenantCache,
  findTenantByDomain,
  findTenantBySlug,
  invalidateTenantCache,
  TENANT_CACHE_TTL_MS,
} from "@/lib/tenancy/registry";
import {
  REGISTRY_CHANNEL,
  registryListenerPid,
  startRegistryListener,
  stopRegistryListener,
} from "@/lib/tenancy/registry-events";
import { uniqueSlug } from "@/test/tenants";

/** A registry row written behind the app's back, as another app instance or the CLI would. */
async function insertTenantRow(slug: string, domain?: string): Promise<number> {
  const db = poolFor(defaultServerUrl());
  const { rows } = await db.query<{ id: number }>(`INSERT INTO public."Tenant" (slug, name) VALUES ($1, $1) RETURNING id`, [slug]);
  if (domain) await db.query(`INSERT INTO public."Domain" (domain, "tenantId", "isPrimary") VALUES ($1, $2, true)`, [domain, rows[0].id]);
  return rows[0].id;
}

async function deleteTenantRow(id: number): Promise<void> {
  await poolFor(defaultServerUrl()).query(`DELETE FROM public."Tenant" WHERE id = $1`, [id]);
}

/** NOTIFY from a connection of its own, like another app process after a change. */
async function notifyFromElsewhere(): Promise<void> {
  const client = new pg.Client({ connectionString: defaultServerUrl() });
  await client.connect();
  try {
    await client.query(`SELECT pg_notify($1, '')`, [REGISTRY_CHANNEL]);
  } finally {
    await client.end();
  }
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 3_000): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    const ms = performance.now() - started;
    if (done(value) || ms > timeoutMs) return { value, ms };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

afterAll(async () => {
  await stopRegistryListener();
  await closePools();
});

describe("tenant lookup cache in one process", () => {
  it("answers from the cache until invalidated, then reads the registry again", async () => {
    const slug = uniqueSlug("cache");
    expect(await findTenantBySlug(slug)).toBeNull();
    const id = await insertTenantRow(slug);
    // Still the cached miss: the warm path made no registry query.
    expect(await findTenantBySlug(slug)).toBeNull();
    await invalidateTenantCache();
    expect(await findTenantBySlug(slug)).toMatchObject({ id, slug });
    await deleteTenantRow(id);
    await invalidateTenantCache();
    expect(await findTenantBySlug(slug)).toBeNull();
  });

  it("caches custom domains case-insensitively and forgets them on invalidation", async () => {
    const slug = uniqueSlug("dom");
    const domain = `${slug.replaceAll("_", "-")}.example.com`;
    expect(await findTenantByDomain(domain.toUpperCase())).toBeNull();
    const id = await insertTenantRow(slug, domain);
    expect(await findTenantByDomain(domain)).toBeNull();
    await invalidateTenantCache();
    expect(await findTenantByDomain(domain.toUpperCase())).toMatchObject({ id, slug });
    await deleteTenantRow(id);
    await invalidateTenantCache();
  });

  it("never stores a lookup that was in flight when the cache was cleared", async () => {
    const slug = uniqueSlug("race");
    const inFlight = findTenantBySlug(slug); // reads the registry before the row exists
    clearTenantCache();
    expect(await inFlight).toBeNull();
    const id = await insertTenantRow(slug);
    // Without the generation check the stale miss above would be served here for the whole TTL.
    expect(await findTenantBySlug(slug)).toMatchObject({ id, slug });
    await deleteTenantRow(id);
    await invalidateTenantCache();
  });
});

describe("tenant lookup cache expiry", () => {
  const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

  it("re-reads a tenant still in use in the background before its entry expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const slug = uniqueSlug("ahead");
      const id = await insertTenantRow(slug);
      expect(await findTenantBySlug(slug)).toMatchObject({ id, slug });
      await deleteTenantRow(id); // behind the cache's back, and nobody announces it
      later(TENANT_CACHE_TTL_MS * 0.3);
      expect(await findTenantBySlug(slug)).toMatchObject({ id }); // young entry: no refresh
      later(TENANT_CACHE_TTL_MS * 0.3);
      // Past half its life: still answered from the cache at once, and re-read meanwhile.
      expect(await findTenantBySlug(slug)).toMatchObject({ id });
      const { value } = await waitFor(() => findTenantBySlug(slug), (t) => t === null);
      expect(value).toBeNull(); // the refresh landed while the entry was still within its TTL
    } finally {
      vi.useRealTimers();
    }
  });

  it("never answers from an entry past its TTL", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const slug = uniqueSlug("expired");
      const id = await insertTenantRow(slug);
      expect(await findTenantBySlug(slug)).toMatchObject({ id, slug });
      await deleteTenantRow(id);
      later(TENANT_CACHE_TTL_MS + 1);
      expect(await findTenantBySlug(slug)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("tenant lookup cache across processes (LISTEN/NOTIFY)", () => {
  beforeAll(async () => {
    await startRegistryListener(clearTenantCache);
  });

  it("clears the cache when another instance announces a change", async () => {
    const slug = uniqueSlug("notify");
    expect(await findTenantBySlug(slug)).toBeNull();
    const id = await insertTenantRow(slug);
    expect(await findTenantBySlug(slug)).toBeNull(); // cached miss
    await notifyFromElsewhere();
    const { value, ms } = await waitFor(() => findTenantBySlug(slug), (t) => t !== null);
    expect(value).toMatchObject({ id, slug });
    expect(ms).toBeLessThan(1_000); // the TTL alone would take up to 5 s
    await deleteTenantRow(id);
    await invalidateTenantCache();
  });

  it("reconnects after losing its connection and hears changes again", async () => {
    const before = registryListenerPid();
    expect(before).not.toBeNull();
    await poolFor(defaultServerUrl()).query("SELECT pg_terminate_backend($1::int)", [before]);
    const { value: after } = await waitFor(async () => registryListenerPid(), (pid) => pid !== null && pid !== before, 5_000);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);

    const slug = uniqueSlug("again");
    expect(await findTenantBySlug(slug)).toBeNull();
    const id = await insertTenantRow(slug);
    await notifyFromElsewhere();
    const { value } = await waitFor(() => findTenantBySlug(slug), (t) => t !== null);
    expect(value).toMatchObject({ id, slug });
    await deleteTenantRow(id);
    await invalidateTenantCache();
  });
});
