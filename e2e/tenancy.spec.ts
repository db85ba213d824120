// Tenancy at the edge: each host shows its own tenant's data and nothing else, whatever the path or headers.
import { DEMO_TENANTS } from "../lib/seed/demo-data";
import { E2E_PORT, hostOf, request } from "./http";
import { test, expect } from "./fixtures";

const [thor, potter] = DEMO_TENANTS;
const questionsOf = (tenant: (typeof DEMO_TENANTS)[number]) => tenant.polls.map((p) => p.question);
const html = (s: string) => s.replaceAll("'", "&#x27;");
// Other tests add polls, so the demo polls may be past the first page: look each one up by search.
const searchFor = (question: string) => `/?q=${encodeURIComponent(question)}`;
/** Whether a page lists the poll (as a link; a search page also echoes the term it searched for). */
const lists = (body: string, question: string) => body.includes(`>${html(question)}</a>`);

test.describe("in the browser", () => {
  for (const [tenant, other] of [
    [thor, potter],
    [potter, thor],
  ] as const) {
    test(`${tenant.slug}'s home page shows ${tenant.slug}'s polls and none of ${other.slug}'s`, async ({ page }) => {
      const origin = `http://${tenant.slug}.localhost:${E2E_PORT}`;
      for (const question of questionsOf(tenant)) {
        await page.goto(origin + searchFor(question));
        await expect(page.getByRole("link", { name: `${tenant.name} Polls` })).toBeVisible();
        await expect(page.getByRole("heading", { name: question })).toBeVisible();
      }
      for (const question of questionsOf(other)) {
        await page.goto(origin + searchFor(question));
        await expect(page.getByText(/No polls match/)).toBeVisible();
        await expect(page.getByText(question, { exact: true })).toHaveCount(0);
      }
    });
  }

  test("the root domain lists the tenants and links to their hosts", async ({ page }) => {
    await page.goto(`http://localhost:${E2E_PORT}/`);
    await page.getByRole("link", { name: "Potter" }).click();
    await expect(page).toHaveURL(`http://potter.localhost:${E2E_PORT}/`);
    await expect(page.getByRole("link", { name: "Potter Polls" })).toBeVisible();
  });
});

/** GET that follows same-host relative redirects (Next answers `/x/` with a 308 to `/x` before routing). */
async function get(host: string, path: string) {
  let res = await request(host, path);
  for (let hops = 0; res.status === 308 && hops < 3; hops++) {
    const location = String(res.headers.location);
    expect(location.startsWith("/"), `redirect to ${location} leaves the host`).toBe(true);
    res = await request(host, location);
  }
  return res;
}

test.describe("over HTTP", () => {
  test("each tenant host serves only its own polls", async () => {
    for (const [tenant, other] of [
      [thor, potter],
      [potter, thor],
    ] as const) {
      for (const q of questionsOf(tenant)) {
        const res = await request(hostOf(`${tenant.slug}.localhost`), searchFor(q));
        expect(res.status).toBe(200);
        expect(lists(res.body, q)).toBe(true);
      }
      for (const q of questionsOf(other)) {
        const res = await request(hostOf(`${tenant.slug}.localhost`), searchFor(q));
        expect(res.status).toBe(200);
        expect(res.body).toContain("No polls match");
        expect(lists(res.body, q)).toBe(false);
      }
    }
  });

  test("an unknown host is a 404", async () => {
    for (const host of ["nobody.localhost", "a.thor.localhost", "evil.example.com", "bad-slug!.localhost"]) {
      const res = await request(hostOf(host), "/");
      expect(res.status, host).toBe(404);
      expect(res.body).not.toContain(html(questionsOf(thor)[0]));
    }
  });

  test("a tenant's path on the root domain shows no tenant data", async () => {
    for (const path of ["/thor", "/thor/", "/thor?x=1", "/site/thor"]) {
      const res = await get(hostOf("localhost"), path);
      expect(res.status, path).toBe(404);
      for (const q of questionsOf(thor)) expect(res.body).not.toContain(html(q));
    }
  });

  test("another tenant's path on thor's host is a 404, never potter's data", async () => {
    for (const path of ["/potter", "/potter/", "/potter/polls/1", "/site"]) {
      const res = await get(hostOf("thor.localhost"), path);
      expect(res.status, path).toBe(404);
      for (const q of questionsOf(potter)) expect(res.body).not.toContain(html(q));
    }
  });

  test("the query string survives the rewrite", async () => {
    const res = await request(hostOf("thor.localhost"), "/?q=feast");
    expect(res.status).toBe(200);
    expect(lists(res.body, questionsOf(thor)[1])).toBe(true); // "...for a feast?"
    expect(lists(res.body, questionsOf(thor)[0])).toBe(false);
  });

  test("x-middleware-subrequest and a spoofed X-Forwarded-Host change nothing", async () => {
    const spoofs: Record<string, string>[] = [
      { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
      { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
      { "x-forwarded-host": hostOf("potter.localhost") },
      { "x-tenant-slug": "potter" },
    ];
    for (const headers of spoofs) {
      const own = await request(hostOf("thor.localhost"), searchFor(questionsOf(thor)[0]), { headers });
      expect(own.status, JSON.stringify(headers)).toBe(200);
      expect(lists(own.body, questionsOf(thor)[0])).toBe(true);
      const foreign = await request(hostOf("thor.localhost"), searchFor(questionsOf(potter)[0]), { headers });
      expect(lists(foreign.body, questionsOf(potter)[0]), JSON.stringify(headers)).toBe(false);
    }
  });

  test("tenant pages are never cacheable across hosts", async () => {
    const res = await request(hostOf("thor.localhost"), "/");
    expect(res.headers["cache-control"]).toMatch(/no-store|private/);
  });
});
