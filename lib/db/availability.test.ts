// Pages while the registry's server is down: the proxy answers 503 with Retry-After (the server's
// shutdown reaches the pool's idle connections before any request fails), then routes again by itself
// once a background probe finds the server back. A real server, stopped and started by the test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDatabaseUnreachable, isMissingRelation } from "@/lib/db/errors";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { closePools, poolFor } from "@/lib/db/pools";

describe("database errors", () => {
  it("tell a missing relation from an unreachable server, whoever reports them", () => {
    const adapterError = (cause: object) => ({ name: "PrismaClientKnownRequestError", meta: { driverAdapterError: { cause } } });
    expect(isMissingRelation({ code: "P2021" })).toBe(true);
    expect(isMissingRelation(adapterError({ originalCode: "42P01", kind: "TableDoesNotExist" }))).toBe(true);
    expect(isMissingRelation({ code: "3F000" })).toBe(true);
    expect(isMissingRelation({ code: "P2002" })).toBe(false);
    expect(isDatabaseUnreachable({ code: "P1001" })).toBe(true);
    expect(isDatabaseUnreachable(adapterError({ kind: "DatabaseNotReachable" }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnreachable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnreachable(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]))).toBe(true);
    expect(isDatabaseUnreachable({ code: "P2021" })).toBe(false);
    expect(isDatabaseUnreachable(new Error("syntax error"))).toBe(false);
  });
});

describe("pages while the registry's server is down", () => {
  let dataDir: string;
  let server: EmbeddedServer;
  let proxy: (request: NextRequest) => Promise<Response>;

  const page = () => proxy(new NextRequest("http://localhost:3000/polls", { headers: { host: "thor.localhost:3000" } }));

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "polls-pg-proxy-"));
    server = await startEmbeddedPostgres({ dataDir, database: "polls_proxy" });
    // Before anything reads the environment; DIRECT_URL too, or migrations would go to the suite's database.
    process.env.DATABASE_URL = process.env.DIRECT_URL = server.url;
    ({ proxy } = await import("@/proxy"));
    // The proxy routes only a registered tenant: a registry with thor in it.
    const { migrateShared } = await import("@/lib/tenancy/migrate");
    await migrateShared();
    await poolFor(server.url).query(`INSERT INTO public."Tenant" (slug, name) VALUES ('thor', 'Thor')`); // also leaves an idle connection, as a serving app has
  });

  afterAll(async () => {
    await closePools();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answer 503 with Retry-After while it is down, and are routed again once it is back", async () => {
    expect((await page()).headers.get("x-middleware-rewrite")).toContain("/thor/polls");

    await server.stop();
    await expect.poll(async () => (await page()).status, { timeout: 5_000 }).toBe(503);
    const down = await page();
    expect(down.headers.get("retry-after")).toBe("5");
    expect(await down.text()).toContain("temporarily unavailable");

    server = await startEmbeddedPostgres({ dataDir, database: "polls_proxy", port: server.port });
    await expect.poll(async () => (await page()).headers.get("x-middleware-rewrite"), { timeout: 5_000 }).toContain("/thor/polls");
  });
});
