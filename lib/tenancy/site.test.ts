import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDomain } from "@/lib/tenancy/lifecycle";
import type { Tenant } from "@/lib/tenancy/registry";
import { siteOf } from "@/lib/tenancy/site";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

const request = (host: string, more: Record<string, string> = {}) => new Headers({ host, ...more });

describe("siteOf: which site a request is for, from its host alone", () => {
  let tenant: Tenant;
  const domain = `polls-${Date.now().toString(36)}.fans.example`;

  beforeAll(async () => {
    tenant = (await createTestTenant()).tenant;
    await addDomain(tenant.slug, domain);
  });
  afterAll(() => dropTestTenant(tenant));

  it("names the tenant of a subdomain by its slug, keeping the port in the host", async () => {
    expect(await siteOf(request("thor.localhost:3000"))).toEqual({ kind: "tenant", slug: "thor", host: "thor.localhost:3000" });
  });

  it("names the platform on the root domain and www", async () => {
    expect(await siteOf(request("localhost:3000"))).toEqual({ kind: "platform", host: "localhost:3000" });
    expect(await siteOf(request("www.localhost"))).toEqual({ kind: "platform", host: "www.localhost" });
  });

  it("names the tenant that owns a custom domain, and nothing for a domain nobody owns", async () => {
    expect(await siteOf(request(`${domain.toUpperCase()}:8443`))).toEqual({ kind: "tenant", slug: tenant.slug, host: `${domain.toUpperCase()}:8443` });
    expect(await siteOf(request("nobody.example"))).toBeNull();
  });

  it("routes reserved and malformed slugs, nested subdomains, junk and missing hosts nowhere", async () => {
    for (const host of ["api.localhost", "site.localhost", "pg_catalog.localhost", "1thor.localhost", "thor-x.localhost", "a.thor.localhost", "../etc.localhost", "x y", "", "_.example"]) {
      expect(await siteOf(request(host)), host).toBeNull();
    }
    expect(await siteOf(new Headers())).toBeNull();
  });

  it("takes X-Forwarded-Host only where effectiveHost allows it: never on a tenant's own host", async () => {
    const spoofed = await siteOf(request("thor.localhost:3000", { "x-forwarded-host": "potter.localhost:3000" }));
    expect(spoofed).toEqual({ kind: "tenant", slug: "thor", host: "thor.localhost:3000" });
    // Next's own re-fetch after a server action's redirect: Host is the loopback name.
    const refetch = await siteOf(request("localhost:3000", { "x-forwarded-host": "potter.localhost:3000" }));
    expect(refetch).toEqual({ kind: "tenant", slug: "potter", host: "potter.localhost:3000" });
  });
});
