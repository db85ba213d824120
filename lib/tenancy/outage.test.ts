// A database server that goes away: what needs it answers 503 with Retry-After, never 500, and recovers
// by itself once the server is back; /healthz stays 200 throughout and /readyz says which it is.
// The outage is real: a tenant on a second embedded PostgreSQL that the test stops and starts again.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { closePools } from "@/lib/db/pools";
import type { Tenant } from "@/lib/tenancy/registry";
import { createTestTenant, dropTestTenant, uniqueSlug } from "@/test/tenants";

const requestHeaders = vi.hoisted(() => ({ current: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders.current,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));

async function getPolls(tenant: Tenant): Promise<Response> {
  const { GET } = await import("@/app/api/polls/route");
  const host = `${tenant.slug}.localhost:3000`;
  requestHeaders.current = new Headers({ host });
  return GET(new NextRequest("http://localhost/api/polls", { headers: { host } }), { params: Promise.resolve({}) });
}

/** What the proxy does with a page request on the tenant's host: a rewrite into its tree, or its own answer. */
async function proxyPage(tenant: Tenant): Promise<{ status: number; rewrite: string | null; retryAfter: string | null }> {
  const { proxy } = await import("@/proxy");
  const response = await proxy(new NextRequest("http://localhost:3000/polls", { headers: { host: `${tenant.slug}.localhost:3000` } }));
  return { status: response.status, rewrite: response.headers.get("x-middleware-rewrite"), retryAfter: response.headers.get("retry-after") };
}

/** A crash, not a shutdown: every process of the cluster killed at once, so clients see their sockets just close. */
function killCluster(dataDir: string): void {
  const postmaster = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0].trim();
  execFileSync("kill", ["-STOP", postmaster]); // no child is restarted while the others are killed
  execFileSync("pkill", ["-KILL", "-P", postmaster]);
  execFileSync("kill", ["-KILL", postmaster]);
}

async function probe(route: "healthz" | "readyz"): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  const { GET } = route === "healthz" ? await import("@/app/healthz/route") : await import("@/app/readyz/route");
  const response = await GET();
  return { status: response.status, body: await response.json(), retryAfter: response.headers.get("retry-after") };
}

describe("a tenant's database server goes down and comes back", () => {
  let dataDir: string;
  let server: EmbeddedServer;
  let tenant: Tenant;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "polls-pg-outage-"));
    server = await startEmbeddedPostgres({ dataDir, database: "polls_outage" });
    tenant = (await createTestTenant({ slug: uniqueSlug("outage"), databaseUrl: server.url })).tenant;
  });

  afterAll(async () => {
    await dropTestTenant(tenant).catch(() => {});
    await closePools();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves, answers 503 with Retry-After while the server is down, then serves again on its own", async () => {
    expect((await getPolls(tenant)).status).toBe(200);
    expect(await probe("readyz")).toMatchObject({ status: 200, body: { status: "ready", serversDown: 0, pendingSchemas: 0 } });

    await server.stop();
    const down = await getPolls(tenant);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect(await down.json()).toEqual({ error: { code: "unavailable", message: expect.stringMatching(/temporarily unavailable/) } });
    expect(await probe("healthz")).toEqual({ status: 200, body: { status: "ok" }, retryAfter: null });
    await expect.poll(() => probe("readyz"), { timeout: 10_000 }).toMatchObject({ status: 503, body: { status: "unavailable", serversDown: 1 }, retryAfter: "5" });

    server = await startEmbeddedPostgres({ dataDir, database: "polls_outage", port: server.port });
    expect((await getPolls(tenant)).status).toBe(200);
    await expect.poll(() => probe("readyz"), { timeout: 10_000 }).toMatchObject({ status: 200, body: { status: "ready" } });
  });

  it("answers its pages with the proxy's 503 while its server is down, and routes them again once it is back", async () => {
    // (the first request after the last test's outage may still find the server marked down: it probes)
    await expect.poll(async () => (await proxyPage(tenant)).rewrite, { timeout: 5_000 }).toContain(`/${tenant.slug}/polls`);

    await server.stop();
    expect((await getPolls(tenant)).status).toBe(503); // what marks the server down, as any request would
    expect(await proxyPage(tenant)).toEqual({ status: 503, rewrite: null, retryAfter: "5" });

    server = await startEmbeddedPostgres({ dataDir, database: "polls_outage", port: server.port });
    await expect.poll(async () => (await proxyPage(tenant)).rewrite, { timeout: 10_000 }).toContain(`/${tenant.slug}/polls`);
  });

  it("after a crash, the first page request already gets the 503: the pool's broken idle connections tell", async () => {
    expect((await getPolls(tenant)).status).toBe(200); // leaves idle connections in the tenant server's pool

    killCluster(dataDir);
    await expect.poll(async () => (await proxyPage(tenant)).status, { timeout: 5_000 }).toBe(503);

    server = await startEmbeddedPostgres({ dataDir, database: "polls_outage", port: server.port });
    await expect.poll(async () => (await getPolls(tenant)).status, { timeout: 10_000 }).toBe(200);
    await expect.poll(async () => (await proxyPage(tenant)).rewrite, { timeout: 10_000 }).toContain(`/${tenant.slug}/polls`);
  });
});
