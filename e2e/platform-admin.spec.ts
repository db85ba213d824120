// The platform admin on the root domain: who reaches it, and what creating or deleting a tenant does
// to that tenant's host (it must serve, or 404, at once).
import { callFormAction, serverActionId } from "./actions";
import { hostOf, request } from "./http";
import { PLATFORM_ADMIN, PLATFORM_ORIGIN, signInPlatformAdmin, submitAndSettle, submitCreateTenant, tenantOriginOf } from "./platform";
import { test, expect, E2E_ADMIN_PASSWORD, SESSION_COOKIE, sessionUserOn, signIn, uniqueName } from "./fixtures";

const ROOT = hostOf("localhost");
const THOR = hostOf("thor.localhost");
const THOR_ADMIN = { username: "admin", password: E2E_ADMIN_PASSWORD }; // playwright.config.ts seeds it

test.describe("who reaches /admin on the root domain", () => {
  test("anonymous visitors get the platform login page", async ({ page }) => {
    await page.goto(`${PLATFORM_ORIGIN}/admin`);
    await expect(page).toHaveURL(`${PLATFORM_ORIGIN}/admin/login?callbackUrl=%2Fadmin`);
    await expect(page.getByRole("heading", { name: "Sign in to the platform admin" })).toBeVisible();
  });

  test("a wrong password is refused on the login page", async ({ page }) => {
    await page.goto(`${PLATFORM_ORIGIN}/admin/login`);
    await page.getByLabel("Username", { exact: true }).fill(PLATFORM_ADMIN.username);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong username or password.");
    await page.goto(`${PLATFORM_ORIGIN}/admin`);
    await expect(page).toHaveURL(/\/admin\/login/);
  });

  test("ten wrong passwords from one address lock that address out, even with the right password", async () => {
    // A made-up client address keeps this lock-out away from the other tests' sign-ins as the same admin.
    const from = { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250) + 1}` };
    for (let i = 0; i < 10; i++) {
      await expect(signIn(ROOT, PLATFORM_ADMIN.username, `wrong password ${i}`, from)).rejects.toThrow(/no session cookie/);
    }
    await expect(signIn(ROOT, PLATFORM_ADMIN.username, PLATFORM_ADMIN.password, from)).rejects.toThrow(/no session cookie/);
    const elsewhere = (await signIn(ROOT, PLATFORM_ADMIN.username, PLATFORM_ADMIN.password, { "x-forwarded-for": "192.0.2.200" })).token;
    expect(elsewhere).toBeTruthy();
  });

  test("a thor session cookie is no platform session on the root domain", async () => {
    const thorToken = (await signIn(THOR, THOR_ADMIN.username, THOR_ADMIN.password)).token;
    // The cookie is a real session where it was made...
    expect(await sessionUserOn(THOR, thorToken)).toMatchObject({ tenant: "thor", name: "admin" });
    // ...and nothing on the platform, even replayed by hand (browsers would not send it: it is host-only).
    expect(await sessionUserOn(ROOT, thorToken)).toBeUndefined();
    const admin = await request(ROOT, "/admin", { headers: { cookie: `${SESSION_COOKIE}=${thorToken}` } });
    expect(admin.status).toBe(307);
    expect(admin.headers.location).toBe("/admin/login?callbackUrl=%2Fadmin");
  });

  test("a platform session cookie is no session on a tenant host, and /admin there is not the platform's", async () => {
    const platformToken = (await signIn(ROOT, PLATFORM_ADMIN.username, PLATFORM_ADMIN.password)).token;
    const platformUser = await sessionUserOn(ROOT, platformToken);
    expect(platformUser).toMatchObject({ name: "admin", platform: true });
    expect(platformUser?.tenant).toBeUndefined();
    const signedIn = await request(ROOT, "/admin", { headers: { cookie: `${SESSION_COOKIE}=${platformToken}` } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toContain("Platform admin");

    expect(await sessionUserOn(THOR, platformToken)).toBeUndefined();
    for (const path of ["/admin", "/site/admin", "/admin/login"]) {
      const onThor = await request(THOR, path, { headers: { cookie: `${SESSION_COOKIE}=${platformToken}` } });
      expect(onThor.body, `${path} on thor`).not.toContain("Platform admin");
      expect(onThor.body, `${path} on thor`).not.toContain("Sign in to the platform admin");
      expect(String(onThor.headers["x-middleware-rewrite"] ?? "")).not.toMatch(/^\/site/);
    }
  });
});

test.describe("managing tenants", () => {
  test.beforeEach(async ({ page }) => {
    await signInPlatformAdmin(page);
  });

  test("lists the tenants with their hosts and poll counts", async ({ page }) => {
    // Other tests add polls meanwhile: the count shown must lie between the tenant's own count
    // (read through its JSON API) just before and just after the page was rendered.
    const pollCount = async (slug: string) =>
      (await request(hostOf(`${slug}.localhost`), "/api/polls?page_size=1")).json<{ count: number }>().count;
    for (const slug of ["thor", "potter"]) {
      const before = await pollCount(slug);
      await page.reload();
      const row = page.getByRole("table", { name: "Tenants" }).locator(`tr[data-slug="${slug}"]`);
      await expect(row.getByRole("link", { name: `${slug}.localhost` })).toBeVisible();
      const shown = Number(await row.getByRole("cell").nth(3).textContent());
      const after = await pollCount(slug);
      expect(before).toBeGreaterThanOrEqual(2); // the demo seed gives each two polls
      expect(shown).toBeGreaterThanOrEqual(before);
      expect(shown).toBeLessThanOrEqual(after);
    }
  });

  test("signing out ends the platform session", async ({ page }) => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${PLATFORM_ORIGIN}/admin/login`);
    await page.goto(`${PLATFORM_ORIGIN}/admin`);
    await expect(page).toHaveURL(/\/admin\/login\?callbackUrl=/);
  });

  test("refuses hostile slugs and domains beside their fields and creates nothing", async ({ page }) => {
    const cases = [
      { slug: "Thor", domain: "", field: "Slug", message: /lowercase letter/ },
      { slug: 'x"; DROP SCHEMA public CASCADE; --', domain: "", field: "Slug", message: /lowercase letter/ },
      { slug: "public", domain: "", field: "Slug", message: /reserved/ },
      { slug: "thor", domain: "", field: "Slug", message: /already/ },
      { slug: uniqueName("z", ""), domain: "potter.localhost", field: "Custom domain (optional)", message: /outside localhost/ },
      { slug: uniqueName("z", ""), domain: "evil.example.com/admin", field: "Custom domain (optional)", message: /host name/ },
    ];
    for (const c of cases) {
      await submitCreateTenant(page, { name: `Hostile ${c.slug}`, ...c });
      const input = page.getByLabel(c.field, { exact: true });
      await expect(input).toHaveAttribute("aria-invalid", "true");
      await expect(input).toHaveValue(c.field === "Slug" ? c.slug : c.domain);
      const errorId = (await input.getAttribute("aria-describedby"))!.split(" ")[0];
      await expect(page.locator(`[id="${errorId}"]`)).toHaveText(c.message);
      await expect(page.getByRole("status")).toHaveCount(0);
      if (/^z/.test(c.slug)) expect((await request(hostOf(`${c.slug}.localhost`), "/")).status).toBe(404);
    }
    await page.reload();
    await expect(page.getByRole("table", { name: "Tenants" })).not.toContainText("Hostile");
    expect((await request(hostOf("potter.localhost"), "/")).body).toContain("Potter");
  });

  test("a tenant created through the form serves at once, on its subdomain and its custom domain", async ({ page }) => {
    const slug = uniqueName("z", "");
    const domain = `${slug}.example.com`;
    // Ask first, so a cached "no such tenant" would have to be forgotten.
    expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(404);
    expect((await request(hostOf(domain), "/")).status).toBe(404);

    await submitCreateTenant(page, { name: `Created ${slug}`, slug, domain });
    await expect(page.getByRole("status")).toContainText(`Created Created ${slug}`);

    const [subdomain, custom] = await Promise.all([request(hostOf(`${slug}.localhost`), "/"), request(hostOf(domain), "/")]);
    expect(subdomain.status).toBe(200);
    expect(subdomain.body).toContain(`Created ${slug} has no polls yet.`);
    expect(custom.status).toBe(200);
    expect(custom.body).toContain(`Created ${slug} has no polls yet.`);

    const row = page.getByRole("table", { name: "Tenants" }).locator(`tr[data-slug="${slug}"]`);
    await expect(row).toContainText(domain);
    await expect(row.getByRole("cell").nth(3)).toHaveText("0");

    await page.goto(tenantOriginOf(slug));
    await expect(page.getByRole("link", { name: `Created ${slug} Polls` })).toBeVisible();
  });

  test("delete needs the slug typed; then the tenant's hosts are 404 at once", async ({ page }) => {
    const slug = uniqueName("z", "");
    const domain = `${slug}.example.com`;
    await submitCreateTenant(page, { name: `Doomed ${slug}`, slug, domain });
    await expect(page.getByRole("status")).toContainText(`Created Doomed ${slug}`);
    expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(200); // warm every cache

    await page.getByRole("link", { name: `Delete ${slug}` }).click();
    await expect(page.getByRole("heading", { name: `Delete Doomed ${slug}?` })).toBeVisible();
    for (const wrong of ["", slug.toUpperCase(), `${slug} `.repeat(2)]) {
      await page.getByLabel(`Type ${slug} to confirm`).fill(wrong);
      await submitAndSettle(page, "Delete tenant");
      await expect(page.locator("#confirmation-error")).toHaveText(`Type ${slug} exactly to confirm`);
    }
    expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(200);

    await page.getByLabel(`Type ${slug} to confirm`).fill(slug);
    await page.getByRole("button", { name: "Delete tenant" }).click();
    await expect(page).toHaveURL(`${PLATFORM_ORIGIN}/admin?deleted=${slug}`);
    await expect(page.getByRole("status")).toContainText(`Tenant ${slug} was deleted`);
    await expect(page.locator(`tr[data-slug="${slug}"]`)).toHaveCount(0);

    const [subdomain, custom] = await Promise.all([request(hostOf(`${slug}.localhost`), "/"), request(hostOf(domain), "/")]);
    expect(subdomain.status).toBe(404);
    expect(custom.status).toBe(404);
  });
});

test.describe("the platform's server actions, called by hand", () => {
  const createAction = () => serverActionId("app/site/admin/(console)/actions.ts", "createTenantAction");
  const deleteAction = () => serverActionId("app/site/admin/(console)/actions.ts", "deleteTenantAction");

  test("creates only for a platform admin on the root domain", async () => {
    const platformCookie = `${SESSION_COOKIE}=${(await signIn(ROOT, PLATFORM_ADMIN.username, PLATFORM_ADMIN.password)).token}`;
    const thorCookie = `${SESSION_COOKIE}=${(await signIn(THOR, THOR_ADMIN.username, THOR_ADMIN.password)).token}`;
    const attempts = [
      { label: "anonymous on the root domain", host: ROOT, path: "/admin", cookie: "" },
      { label: "a thor session replayed on the root domain", host: ROOT, path: "/admin", cookie: thorCookie },
      { label: "a platform session replayed on thor's host", host: THOR, path: "/", cookie: platformCookie },
      { label: "a thor admin on thor's host", host: THOR, path: "/", cookie: thorCookie },
    ];
    for (const attempt of attempts) {
      const slug = uniqueName("z", "");
      await callFormAction(attempt.host, attempt.path, createAction(), { name: `Forged ${slug}`, slug, domain: "" }, attempt);
      expect((await request(hostOf(`${slug}.localhost`), "/")).status, attempt.label).toBe(404);
    }

    // The same call with the platform admin's session on the root domain does create: the refusals above are real.
    const slug = uniqueName("z", "");
    const allowed = await callFormAction(ROOT, "/admin", createAction(), { name: `Allowed ${slug}`, slug, domain: "" }, { cookie: platformCookie });
    expect(allowed.status).toBe(200);
    expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(200);
  });

  test("delete only for a platform admin on the root domain", async () => {
    const platformCookie = `${SESSION_COOKIE}=${(await signIn(ROOT, PLATFORM_ADMIN.username, PLATFORM_ADMIN.password)).token}`;
    const thorCookie = `${SESSION_COOKIE}=${(await signIn(THOR, THOR_ADMIN.username, THOR_ADMIN.password)).token}`;
    const slug = uniqueName("z", "");
    const path = `/admin/tenants/${slug}/delete`;
    await callFormAction(ROOT, "/admin", createAction(), { name: `Target ${slug}`, slug, domain: "" }, { cookie: platformCookie });
    expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(200);

    const attempts = [
      { label: "anonymous on the root domain", host: ROOT, cookie: "" },
      { label: "a thor session replayed on the root domain", host: ROOT, cookie: thorCookie },
      { label: "a platform session replayed on thor's host", host: THOR, cookie: platformCookie },
    ];
    for (const attempt of attempts) {
      await callFormAction(attempt.host, path, deleteAction(), { confirmation: slug }, { cookie: attempt.cookie, leading: [slug, null] });
      expect((await request(hostOf(`${slug}.localhost`), "/")).status, attempt.label).toBe(200);
    }

    await callFormAction(ROOT, path, deleteAction(), { confirmation: slug }, { cookie: platformCookie, leading: [slug, null] });
    expect((await request(hostOf(`${slug}.localhost`), "/")).status).toBe(404);
  });
});
