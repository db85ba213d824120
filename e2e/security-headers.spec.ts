// Security headers on every kind of page, and a CSP strict enough to matter that still lets the app run.
import { E2E_PORT, hostOf, request } from "./http";
import { test, expect } from "./fixtures";

test("pages carry a nonce-based CSP and the standard security headers", async () => {
  for (const host of ["thor.localhost", "localhost"]) {
    const first = await request(hostOf(host), "/");
    const second = await request(hostOf(host), "/");
    const csp = String(first.headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]{32}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(second.headers["content-security-policy"]).not.toBe(csp); // a fresh nonce each time
    expect(first.headers["x-content-type-options"]).toBe("nosniff");
    expect(first.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(first.headers["x-frame-options"]).toBe("DENY");
    expect(first.headers["x-powered-by"]).toBeUndefined();
  }
});

test("the app hydrates under the CSP without a single violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`http://thor.localhost:${E2E_PORT}/`);
  // Next's inline bootstrap scripts ran (they would be refused without the nonce).
  expect(await page.evaluate(() => Array.isArray((window as { __next_f?: unknown }).__next_f))).toBe(true);
  await page.getByRole("searchbox", { name: "Search polls" }).fill("feast");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?q=feast/);
  await expect(page.getByRole("heading", { name: /feast/ })).toBeVisible();
  expect(violations).toEqual([]);
});

test("API answers and error pages carry the same headers as pages", async () => {
  const thor = hostOf("thor.localhost");
  const responses = [
    await request(thor, "/api/polls"),
    await request(thor, "/api/polls/999999999"),
    await request(thor, "/api/polls", { method: "POST", headers: { "content-type": "application/json" }, body: "{" }),
    await request(thor, "/api/no-such-endpoint"),
    await request(hostOf("localhost"), "/api/polls"),
    await request(thor, "/no-such-page"),
    await request(hostOf("localhost"), "/thor/polls"),
  ];
  expect(responses.map((r) => r.status)).toEqual([200, 404, 401, 404, 404, 404, 404]);
  for (const response of responses) {
    expect(String(response.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["x-powered-by"]).toBeUndefined();
  }
});

test("JSON answers get the strictest CSP; the API's HTML page and next-auth keep the page CSP", async () => {
  const thor = hostOf("thor.localhost");
  for (const path of ["/api/polls", "/api/no-such-endpoint"]) {
    const response = await request(thor, path);
    expect(response.headers["content-type"], path).toMatch(/^application\/json/);
    expect(response.headers["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
  }
  for (const path of ["/api/docs", "/api/auth/csrf"]) {
    const response = await request(thor, path);
    expect(response.status, path).toBe(200);
    expect(String(response.headers["content-security-policy"]), path).toMatch(/script-src 'self' 'nonce-[0-9a-f]{32}'/);
  }
});
