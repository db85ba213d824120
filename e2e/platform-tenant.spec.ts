// The platform admin's page for one tenant (/admin/tenants/<slug>): open its site and admin, branding,
// domains, its first admin, rename with the typed confirmation. Answers appear beside the form they concern,
// everything works with JavaScript off, and every action refuses anyone but a platform admin.
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "../playwright.config";
import { callFormAction, serverActionId } from "./actions";
import { hostOf, request } from "./http";
import { PLATFORM_ADMIN, PLATFORM_ORIGIN, signInPlatformAdmin, submitCreateTenant, tenantOriginOf } from "./platform";
import { SESSION_COOKIE, signIn, uniqueName } from "./fixtures";

const ROOT = hostOf("localhost");
const THOR = hostOf("thor.localhost");
const ACTIONS_FILE = "app/site/admin/(console)/tenants/[slug]/actions.ts";

async function createTenantAndOpen(page: Page): Promise<string> {
  const slug = uniqueName("z", "");
  await page.goto(`${PLATFORM_ORIGIN}/admin`);
  await submitCreateTenant(page, { name: `Managed ${slug}`, slug });
  await page.goto(`${PLATFORM_ORIGIN}/admin/tenants/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: `Managed ${slug}` })).toBeVisible();
  return slug;
}

const section = (page: Page, name: string) => page.getByRole("region", { name });

for (const javaScript of [true, false]) {
  test.describe(`a tenant's page, JavaScript ${javaScript ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test("links to the site and its admin; branding is checked beside its fields and applies to that tenant only", async ({ page }) => {
      await signInPlatformAdmin(page);
      const slug = await createTenantAndOpen(page);
      const origin = tenantOriginOf(slug);
      await expect(page.getByRole("link", { name: "Open site" })).toHaveAttribute("href", origin);
      await expect(page.getByRole("link", { name: "Open its admin" })).toHaveAttribute("href", `${origin}/admin`);

      const branding = section(page, "Branding");
      // The field takes 7 characters; longer injections are refused by the same rule (lib/tenancy/branding.test.ts).
      await branding.getByLabel("Accent colour").fill("#0f766g");
      await branding.getByRole("button", { name: "Save branding" }).click();
      await expect(branding.locator("#accentColor-error")).toHaveText(/six hex digits/);
      await expect(branding.getByLabel("Accent colour")).toHaveAttribute("aria-invalid", "true");
      expect((await request(hostOf(`${slug}.localhost`), "/")).body).not.toContain("--color-brand");

      await branding.getByLabel("Display name").fill(`Teal ${slug}`);
      await branding.getByLabel("Accent colour").fill("#0F766E");
      await branding.getByLabel("Short description").fill("A teal community.");
      await branding.getByRole("button", { name: "Save branding" }).click();
      await expect(branding.getByRole("status")).toHaveText("Branding saved.");

      const site = await request(hostOf(`${slug}.localhost`), "/");
      expect(site.body).toContain("--color-brand:#0f766e");
      expect(site.body).toContain(`Teal ${slug}`);
      const thor = await request(THOR, "/");
      expect(thor.body).not.toContain("#0f766e");
      expect(thor.body).not.toContain(`Teal ${slug}`);
    });

    test("domains: add beside the field, make primary, remove; the host serves and stops at once", async ({ page }) => {
      await signInPlatformAdmin(page);
      const slug = await createTenantAndOpen(page);
      const domains = section(page, "Domains");
      const first = `${slug}.example.com`;
      const second = `www.${slug}.example.org`;

      await domains.getByLabel("New custom domain").fill("thor.localhost");
      await domains.getByRole("button", { name: "Add domain" }).click();
      await expect(domains.locator("#add-domain-error")).toHaveText(/outside localhost/);

      await domains.getByLabel("New custom domain").fill(first);
      await domains.getByRole("button", { name: "Add domain" }).click();
      const status = (text: string) => domains.getByRole("status").filter({ hasText: text });
      await expect(status(`Added ${first}.`)).toBeVisible();
      await domains.getByLabel("New custom domain").fill(second);
      await domains.getByRole("button", { name: "Add domain" }).click();
      await expect(status(`Added ${second}.`)).toBeVisible();
      expect((await request(hostOf(second), "/")).status).toBe(200);

      const row = (domain: string) => domains.locator(`li[data-domain="${domain}"]`);
      const badge = (domain: string) => row(domain).getByText("primary", { exact: true });
      await expect(badge(first)).toBeVisible();
      await row(second).getByRole("button", { name: `Make primary ${second}` }).click();
      await expect(status(`${second} is now the primary domain.`)).toBeVisible();
      await expect(badge(second)).toBeVisible();
      await expect(badge(first)).toHaveCount(0);

      await row(second).getByRole("button", { name: `Remove ${second}` }).click();
      await expect(status(`Removed ${second}.`)).toBeVisible();
      await expect(row(second)).toHaveCount(0);
      await expect(badge(first)).toBeVisible();
      expect((await request(hostOf(second), "/")).status).toBe(404);
    });

    test("creates the first admin, who can sign in, and then no other", async ({ page }) => {
      await signInPlatformAdmin(page);
      const slug = await createTenantAndOpen(page);
      const admin = section(page, "First admin");
      await admin.getByLabel("Username").fill("owner");
      await admin.getByLabel("Password").fill("short");
      await admin.getByRole("button", { name: "Create admin" }).click();
      await expect(admin.locator("#admin-password-error")).toHaveText(/at least 8/);

      await admin.getByLabel("Password").fill("owner-password-1");
      await admin.getByRole("button", { name: "Create admin" }).click();
      await expect(admin.getByRole("status")).toContainText("Created the admin owner");
      await expect(admin).toContainText("It has 1 admin");
      expect((await signIn(hostOf(`${slug}.localhost`), "owner", "owner-password-1")).token).toBeTruthy();
    });

    test("rename needs the slug typed; then the old host is gone and the new one serves", async ({ page }) => {
      await signInPlatformAdmin(page);
      const slug = await createTenantAndOpen(page);
      const renamed = uniqueName("z", "");
      const rename = section(page, "Rename");
      await rename.getByLabel("New slug").fill(renamed);
      await rename.getByLabel(/to confirm/).fill("not-it");
      await rename.getByRole("button", { name: "Rename tenant" }).click();
      await expect(rename.locator("#rename-confirmation-error")).toHaveText(`Type ${slug} exactly to confirm`);
      expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(200);

      await rename.getByLabel("New slug").fill(renamed);
      await rename.getByLabel(/to confirm/).fill(slug);
      await rename.getByRole("button", { name: "Rename tenant" }).click();
      await expect(page).toHaveURL(`${PLATFORM_ORIGIN}/admin/tenants/${renamed}?renamed=${slug}`);
      await expect(page.getByRole("status")).toContainText(`Renamed ${slug} to ${renamed}`);
      expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(404);
      expect((await request(hostOf(`${renamed}.localhost`), "/")).status).toBe(200);
    });
  });
}

test.describe("the tenant page's actions, called by hand", () => {
  test("refuse no session and a tenant admin's session; the platform admin's does the same call", async () => {
    const platformCookie = `${SESSION_COOKIE}=${(await signIn(ROOT, PLATFORM_ADMIN.username, PLATFORM_ADMIN.password)).token}`;
    const thorCookie = `${SESSION_COOKIE}=${(await signIn(THOR, "admin", E2E_ADMIN_PASSWORD)).token}`;
    const create = serverActionId("app/site/admin/(console)/actions.ts", "createTenantAction");
    const slug = uniqueName("z", "");
    await callFormAction(ROOT, "/admin", create, { name: `Target ${slug}`, slug, domain: "" }, { cookie: platformCookie });
    const host = hostOf(`${slug}.localhost`);
    expect((await request(host, "/")).status).toBe(200);
    const path = `/admin/tenants/${slug}`;
    const renamedSlug = uniqueName("z", "");

    // Each call, and what it would have changed had it been allowed.
    const calls: { action: string; fields: Record<string, string>; changed: () => Promise<boolean> }[] = [
      { action: "platformBrandingAction", fields: { name: "Forged", description: "", accentColor: "#000000", logoUrl: "" }, changed: async () => (await request(host, "/")).body.includes("Forged Polls") },
      { action: "addDomainAction", fields: { domain: `${slug}.forged.example` }, changed: async () => (await request(hostOf(`${slug}.forged.example`), "/")).status === 200 },
      { action: "createFirstAdminAction", fields: { username: "forged", email: "", password: "forged-password" }, changed: async () => signIn(host, "forged", "forged-password").then(() => true, () => false) },
      { action: "renameTenantAction", fields: { newSlug: renamedSlug, confirmation: slug }, changed: async () => (await request(host, "/")).status === 404 },
    ];
    for (const call of calls) {
      const id = serverActionId(ACTIONS_FILE, call.action);
      for (const [label, cookie, onHost] of [["no session", "", ROOT], ["thor's admin", thorCookie, ROOT], ["thor's admin on thor", thorCookie, THOR]] as const) {
        const response = await callFormAction(onHost, path, id, call.fields, { cookie, leading: [slug, null] });
        expect(response.status, `${call.action}, ${label}`).toBeLessThan(500);
        expect(await call.changed(), `${call.action}, ${label}`).toBe(false);
      }
    }
    // The domain action is the one left to prove real: the same call with the platform session does it.
    await callFormAction(ROOT, path, serverActionId(ACTIONS_FILE, "addDomainAction"), { domain: `${slug}.forged.example` }, { cookie: platformCookie, leading: [slug, null] });
    expect((await request(hostOf(`${slug}.forged.example`), "/")).status).toBe(200);
    // …and the domain remove / primary action refuses the same way.
    const change = serverActionId(ACTIONS_FILE, "changeDomainAction");
    for (const cookie of ["", thorCookie]) {
      await callFormAction(ROOT, path, change, { domain: `${slug}.forged.example`, intent: "remove" }, { cookie, leading: [slug, null] });
      expect((await request(hostOf(`${slug}.forged.example`), "/")).status).toBe(200);
    }
    await callFormAction(ROOT, path, change, { domain: `${slug}.forged.example`, intent: "remove" }, { cookie: platformCookie, leading: [slug, null] });
    expect((await request(hostOf(`${slug}.forged.example`), "/")).status).toBe(404);
  });
});
