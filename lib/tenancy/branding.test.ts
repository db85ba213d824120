import { afterAll, describe, expect, it } from "vitest";
import { closePools } from "@/lib/db/pools";
import { brandingSchema, logoSourceOrigin, safeAccentColor } from "@/lib/tenancy/branding";
import { updateTenantBranding } from "@/lib/tenancy/lifecycle";
import { findTenantBySlug, type Tenant } from "@/lib/tenancy/registry";
import { poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { createTestTenant, dropTestTenant } from "@/test/tenants";

const valid = { name: "Thor", description: "", accentColor: "", logoUrl: "" };

function errorOf(input: Partial<typeof valid>): string | undefined {
  const result = brandingSchema.safeParse({ ...valid, ...input });
  return result.success ? undefined : result.error.issues[0].message;
}

describe("branding rules", () => {
  it("takes #rrggbb colours only, lower-cased; anything that could leave a CSS declaration is refused", () => {
    expect(brandingSchema.parse({ ...valid, accentColor: " #1D4ED8 " }).accentColor).toBe("#1d4ed8");
    expect(brandingSchema.parse(valid).accentColor).toBeNull();
    for (const bad of ["red", "#fff", "#12345g", "#123456;", "#123456}body{", "rgb(1,2,3)", "#1234567", "var(--x)", "#123456 !important"]) {
      expect(errorOf({ accentColor: bad }), bad).toMatch(/six hex digits/);
    }
  });

  it("takes https URLs and plain same-site paths as logos, nothing else", () => {
    expect(brandingSchema.parse({ ...valid, logoUrl: "https://cdn.example.com/logo.png" }).logoUrl).toBe("https://cdn.example.com/logo.png");
    expect(brandingSchema.parse({ ...valid, logoUrl: "/logo.svg" }).logoUrl).toBe("/logo.svg");
    for (const bad of ["http://example.com/a.png", "javascript:alert(1)", "data:image/png;base64,AAAA", "//evil.example/a.png", "/\\evil.example", "https://u:p@example.com/a.png", "/a b.png", '/a".png', "logo.png", "ftp://example.com/a.png"]) {
      expect(errorOf({ logoUrl: bad }), bad).toBeDefined();
    }
  });

  it("gives the CSP only an https origin, and re-checks what the database holds", () => {
    expect(logoSourceOrigin("https://cdn.example.com/x/logo.png")).toBe("https://cdn.example.com");
    expect(logoSourceOrigin("/logo.png")).toBeNull();
    expect(logoSourceOrigin(null)).toBeNull();
    expect(logoSourceOrigin("https://x.example; script-src *")).toBeNull();
    expect(logoSourceOrigin("http://cdn.example.com/a.png")).toBeNull();
    expect(safeAccentColor("#ABCDEF")).toBe("#abcdef");
    expect(safeAccentColor("red;}")).toBeNull();
    expect(safeAccentColor(null)).toBeNull();
  });
});

describe("updateTenantBranding", () => {
  const made: Tenant[] = [];
  afterAll(async () => {
    for (const tenant of made) await dropTestTenant(tenant);
    await closePools();
  });

  it("stores the branding, clears the registry cache, and touches no other tenant", async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    made.push(a.tenant, b.tenant);
    expect((await findTenantBySlug(a.tenant.slug))?.accentColor).toBeNull(); // now cached

    const updated = await updateTenantBranding(a.tenant.slug, {
      name: "Asgard",
      description: "Votes of the gods",
      accentColor: "#B91C1C",
      logoUrl: "https://cdn.example.com/asgard.png",
    });
    expect(updated).toMatchObject({ name: "Asgard", accentColor: "#b91c1c", logoUrl: "https://cdn.example.com/asgard.png" });
    expect(await findTenantBySlug(a.tenant.slug)).toMatchObject({ name: "Asgard", description: "Votes of the gods", accentColor: "#b91c1c" });
    expect(await findTenantBySlug(b.tenant.slug)).toMatchObject({ name: b.tenant.slug, description: "", accentColor: null, logoUrl: null });

    await expect(updateTenantBranding(a.tenant.slug, { ...valid, accentColor: "red" })).rejects.toThrow(/six hex digits/);
    await expect(updateTenantBranding("no_such_tenant", valid)).rejects.toThrow(/No tenant/);
  });

  it("the database refuses a colour or logo the app would refuse, written past the app", async () => {
    const t = await createTestTenant();
    made.push(t.tenant);
    const pool = poolFor(defaultServerUrl());
    await expect(pool.query(`UPDATE public."Tenant" SET "accentColor" = 'red;}' WHERE id = $1`, [t.tenant.id])).rejects.toThrow(/accentColor_check/);
    await expect(pool.query(`UPDATE public."Tenant" SET "logoUrl" = 'javascript:alert(1)' WHERE id = $1`, [t.tenant.id])).rejects.toThrow(/logoUrl_check/);
  });
});
