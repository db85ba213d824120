// The core takes its configuration from configureTenancy, given once at the app's edge: what it is given
// is what it routes by, and a process that never gave it one is told so in one line, at first use.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configureTenancy, siteOf, tenantDb, type TenancyConfig } from "@/lib/tenancy";
import { createTenant } from "@/lib/tenancy/manage";
import { tenancyConfig } from "@/lib/tenancy/config";

const SLOT = Symbol.for("polls.config.the tenancy core");
const slots = globalThis as unknown as Record<symbol, unknown>;

describe("configureTenancy", () => {
  const appConfig = slots[SLOT];
  afterEach(() => void (slots[SLOT] = appConfig));

  it("is what siteOf routes by: another root domain, and the forwarded host only when trusted", async () => {
    const base: TenancyConfig = tenancyConfig();
    configureTenancy({ ...base, rootDomain: "polls.example", trustProxy: false });
    expect(await siteOf(new Headers({ host: "thor.polls.example" }))).toEqual({ kind: "tenant", slug: "thor", host: "thor.polls.example" });
    expect(await siteOf(new Headers({ host: "thor.localhost" }))).toBeNull();
    const forwarded = new Headers({ host: "thor.polls.example", "x-forwarded-host": "potter.polls.example" });
    expect(await siteOf(forwarded)).toEqual({ kind: "tenant", slug: "thor", host: "thor.polls.example" });

    configureTenancy(() => ({ ...base, rootDomain: "polls.example", trustProxy: true }));
    expect(await siteOf(forwarded)).toEqual({ kind: "tenant", slug: "potter", host: "potter.polls.example" });
  });

  it("refuses a custom domain under the configured root domain", async () => {
    configureTenancy({ ...tenancyConfig(), rootDomain: "polls.example" });
    await expect(createTenant({ slug: "nobody", name: "x", domains: ["a.polls.example"] })).rejects.toThrow(/outside polls\.example/);
  });

  it("unconfigured, the core says so in one line at first use", async () => {
    delete slots[SLOT];
    expect(() => tenantDb({ slug: "thor", databaseUrl: null })).toThrow(
      /^the tenancy core is not configured: call configureTenancy\(\) at the app's entry point/,
    );
    await expect(siteOf(new Headers({ host: "thor.localhost" }))).rejects.toThrow(/not configured/);
  });
});

describe("every entry point configures the core before using it", () => {
  // The Next server (instrumentation-node.ts via instrumentation.ts, then proxy.ts; the app's bundles share the configuration on
  // globalThis), the CLIs compiled to .build/, the benchmarks and the test setup (a
  // setup file, after the one that picks the worker's database). The e2e suite and the
  // CLI tests run each of them for real; this names them, so a new one is not forgotten.
  const root = path.resolve(__dirname, "../..");
  const entries = ["instrumentation-node.ts", "proxy.ts", "scripts/prepare.ts", "scripts/migrate.ts", "scripts/tenants.ts", "bench/lib/bench.ts"];

  it.each(entries)("%s imports @/lib/config", (file) => {
    expect(readFileSync(path.join(root, file), "utf8")).toMatch(/import(\(| )"@\/lib\/config"/);
  });

  it("the vitest setup and every benchmark go through it", () => {
    expect(readFileSync(path.join(root, "vitest.config.ts"), "utf8")).toMatch(/setupFiles: \[.*"lib\/config\.ts"\]/);
    const benches = ["citus", "footprint", "memory", "migrate", "provision", "request-path", "soak", "sqlmap"];
    for (const bench of benches) expect(readFileSync(path.join(root, `bench/${bench}.ts`), "utf8")).toContain(`from "./lib/bench"`);
  });
});
