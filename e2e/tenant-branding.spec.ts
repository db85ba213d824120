// Tenant branding: each tenant's pages carry its own accent colour and logo and nobody else's; the tenant
// admin edits them at /admin/settings (JavaScript on and off) with errors beside the fields; a logo on
// another https origin is allowed by that tenant's CSP only. Also the admin's polls list: search, order,
// delete through the confirm page, and no page of the consoles scrolls sideways on a phone.
import { expect, test, type Page } from "@playwright/test";
import { callFormAction, serverActionId } from "./actions";
import { hostOf, request } from "./http";
import { PLATFORM_ADMIN } from "./platform";
import { E2E_ADMIN_PASSWORD, SESSION_COOKIE, signIn, uniqueName } from "./fixtures";
import { createPollInBrowser, fillLogIn, tenantUrl } from "./tenant-session";

const ROOT = hostOf("localhost");
const OWNER = { username: "owner", password: "owner-password-1" };

/** A tenant of its own (so changing its branding disturbs no other test), with an admin. */
async function brandNewTenant(): Promise<string> {
  const platformCookie = `${SESSION_COOKIE}=${(await signIn(ROOT, PLATFORM_ADMIN.username, PLATFORM_ADMIN.password)).token}`;
  const slug = uniqueName("z", "");
  await callFormAction(ROOT, "/admin", serverActionId("app/site/admin/(console)/actions.ts", "createTenantAction"), { name: `Brand ${slug}`, slug, domain: "" }, { cookie: platformCookie });
  await callFormAction(
    ROOT,
    `/admin/tenants/${slug}`,
    serverActionId("app/site/admin/(console)/tenants/[slug]/actions.ts", "createFirstAdminAction"),
    { ...OWNER, email: "" },
    { cookie: platformCookie, leading: [slug, null] },
  );
  return slug;
}

async function signInAs(page: Page, slug: string, username: string, password: string) {
  await page.goto(tenantUrl(slug, "/login"));
  await fillLogIn(page, username, password);
  await expect(page.getByTestId("signed-in-user")).toContainText(username);
}

const brandOf = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector("a[href='/']")!).getPropertyValue("--color-brand").trim());

test("thor and potter look like themselves, and never like each other", async ({ page }) => {
  await page.goto(tenantUrl("thor"));
  expect(await brandOf(page)).toBe("#b91c1c");
  await expect(page.locator('header img[src="/brand/thor.svg"]')).toBeVisible();
  await expect(page.getByText("Polls from the halls of Asgard.")).toBeVisible();
  const thorHtml = (await request(hostOf("thor.localhost"), "/")).body;
  expect(thorHtml).not.toContain("#166534");
  expect(thorHtml).not.toContain("potter.svg");

  await page.goto(tenantUrl("potter"));
  expect(await brandOf(page)).toBe("#166534");
  await expect(page.locator('header img[src="/brand/potter.svg"]')).toBeVisible();
  const potterHtml = (await request(hostOf("potter.localhost"), "/")).body;
  expect(potterHtml).not.toContain("#b91c1c");
  expect(potterHtml).not.toContain("thor.svg");
});

for (const javaScript of [true, false]) {
  test(`the tenant admin's settings, JavaScript ${javaScript ? "on" : "off"}: errors beside the fields, then this tenant only`, async ({ browser }) => {
    const slug = await brandNewTenant();
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await signInAs(page, slug, OWNER.username, OWNER.password);
    await page.goto(tenantUrl(slug, "/admin/settings"));

    await page.getByLabel("Accent colour").fill("red;}a{");
    await page.getByLabel("Logo URL").fill("javascript:alert(1)");
    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.locator("#accentColor-error")).toHaveText(/six hex digits/);
    await expect(page.locator("#logoUrl-error")).toHaveText(/https/);
    await expect(page.getByLabel("Accent colour")).toHaveValue("red;}a{");

    await page.getByLabel("Accent colour").fill("#7C3AED");
    await page.getByLabel("Logo URL").fill("https://cdn.example.com/brand/logo.png");
    await page.getByLabel("Short description").fill("Purple and proud.");
    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Branding saved." })).toBeVisible();

    const home = await request(hostOf(`${slug}.localhost`), "/");
    expect(home.body).toContain("--color-brand:#7c3aed");
    expect(home.body).toContain("https://cdn.example.com/brand/logo.png");
    expect(home.headers["content-security-policy"]).toMatch(/img-src 'self' data: blob: https:\/\/cdn\.example\.com;/);
    for (const other of ["thor.localhost", "potter.localhost"]) {
      const page = await request(hostOf(other), "/");
      expect(page.body).not.toContain("#7c3aed");
      expect(page.body).not.toContain("cdn.example.com");
      expect(page.headers["content-security-policy"]).not.toContain("cdn.example.com");
    }
    await context.close();
  });
}

test("a voter and a signed-out visitor cannot save branding, even by posting the action", async () => {
  const slug = await brandNewTenant();
  const id = serverActionId("app/[tenant]/admin/actions.ts", "brandingAction");
  const host = hostOf(`${slug}.localhost`);
  const fields = { name: "Forged", description: "", accentColor: "#000000", logoUrl: "" };
  const thorAdmin = `${SESSION_COOKIE}=${(await signIn(hostOf("thor.localhost"), "admin", E2E_ADMIN_PASSWORD)).token}`;
  for (const cookie of ["", thorAdmin]) {
    await callFormAction(host, "/admin/settings", id, fields, { cookie, leading: [slug, null] });
    expect((await request(host, "/")).body).not.toContain("Forged Polls");
  }
  // thor's admin on thor's host naming this tenant in the bound slug: the action takes the host's tenant only.
  await callFormAction(hostOf("thor.localhost"), "/admin/settings", id, fields, { cookie: thorAdmin, leading: [slug, null] });
  expect((await request(host, "/")).body).not.toContain("Forged Polls");
  expect((await request(hostOf("thor.localhost"), "/")).body).not.toContain("Forged Polls");
});

test("the polls list searches, orders and deletes through the confirm page", async ({ page }) => {
  await signInAs(page, "thor", "admin", E2E_ADMIN_PASSWORD);
  const tag = uniqueName("sortme", "-");
  const older = await createPollInBrowser(page, "thor", `${tag} Alpha`, ["One", "Two"]);
  await createPollInBrowser(page, "thor", `${tag} Bravo`, ["One", "Two"]);

  await page.goto(tenantUrl("thor", "/admin"));
  await page.getByLabel("Search questions").fill(tag);
  await page.getByLabel("Order").selectOption("oldest");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin\\?q=${tag}&sort=oldest$`));
  await expect(page.getByTestId("poll-count")).toContainText("2 polls");
  const rows = page.getByRole("table").getByRole("rowheader");
  await expect(rows).toHaveText([`${tag} Alpha`, `${tag} Bravo`]);
  await page.getByLabel("Order").selectOption("newest");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(rows).toHaveText([`${tag} Bravo`, `${tag} Alpha`]);

  await page.getByRole("link", { name: `Delete “${tag} Alpha”` }).click();
  await expect(page).toHaveURL(tenantUrl("thor", `/admin/polls/${older}/delete`));
  await page.getByRole("button", { name: /Delete/ }).click();
  await expect(page.getByRole("status")).toHaveText("Poll deleted.");
  await page.goto(tenantUrl("thor", `/admin?q=${tag}`));
  await expect(rows).toHaveText([`${tag} Bravo`]);
});

test("the consoles' pages do not scroll sideways at 390 px", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInAs(page, "thor", "admin", E2E_ADMIN_PASSWORD);
  for (const path of ["/admin", "/admin/users", "/admin/settings", "/api/docs"]) {
    await page.goto(tenantUrl("thor", path));
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
  await context.close();
});
