// /api/docs: Scalar's reference, bundled with the app, renders every operation of the tenant's OpenAPI document
// under the page's nonce CSP (no violation, no console error, nothing fetched from another host), and its
// "Test Request" client sends to the tenant's own host.
import { expect, test } from "@playwright/test";
import { api, POTTER, THOR } from "./fixtures";
import { CONTRACT } from "./api-contract";
import { watchPage } from "./page-health";

type Document = { paths: Record<string, Record<string, { summary: string }>> };

for (const width of [1280, 390]) {
  test(`renders every operation with no CSP violation and no foreign request at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const openapi = (await api(THOR, "GET", "/api/openapi.json")).json<Document>();
    const health = await watchPage(page, THOR);
    await page.goto(`http://${THOR}/api/docs`);
    await expect(page.getByRole("heading", { level: 1, name: "Polls API" }).first()).toBeAttached();
    // The first operation's section is drawn at once (the rest as the reader scrolls).
    await expect(page.getByRole("heading", { name: openapi.paths["/api/users"].post.summary, exact: true })).toBeVisible();
    if (width >= 1280) {
      // Every operation has its entry in the reference's navigation (every tag is open).
      for (const operation of CONTRACT) {
        const [method, path] = operation.split(" ");
        const { summary } = openapi.paths[path][method.toLowerCase()];
        await expect(page.getByRole("link", { name: `${summary} HTTP Method:` }), operation).toBeAttached();
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await health.cspViolations()).toEqual([]);
    expect(health.consoleErrors).toEqual([]);
    expect(health.foreignRequests).toEqual([]);
  });
}

for (const host of [THOR, POTTER]) {
  test(`try-it-out sends the request to the tenant's own host (${host})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const health = await watchPage(page, host);
    await page.goto(`http://${host}/api/docs`);
    // Whichever operation's client opens first: what matters is where its request goes.
    const sent = page.waitForRequest((request) => /^\/api\/(?!openapi\.json|auth\/)/.test(new URL(request.url()).pathname));
    await page.getByRole("button", { name: /Test Request/ }).first().click();
    await page.getByRole("button", { name: /^Send/ }).first().click();
    const request = await sent;
    expect(new URL(request.url()).host).toBe(host);
    expect((await request.response())?.headers()["content-type"]).toMatch(/^application\/json/);
    expect(await health.cspViolations()).toEqual([]);
    expect(health.foreignRequests).toEqual([]);
  });
}

test("without JavaScript the page lists the operations and links to the document", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`http://${THOR}/api/docs`);
  await expect(page.getByRole("link", { name: "/api/openapi.json" })).toBeVisible();
  await expect(page.getByText("POST /api/polls/{id}/choices/{choiceId}/vote", { exact: true })).toBeVisible();
  await context.close();
});
