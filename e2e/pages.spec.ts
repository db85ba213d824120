// Every page, at a phone's width (390×844) and a laptop's (1280×800): nothing scrolls sideways, every visible
// control lies inside the window (so every action is reachable on a phone), and axe finds no serious or critical
// accessibility violation (WCAG 2.1 A and AA rules).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD, THOR, api, createPollOverApi, login, SESSION_COOKIE, signIn, signUpOverApi, uniqueName, type ApiUser } from "./fixtures";
import { hostOf } from "./http";
import { PLATFORM_ADMIN, PLATFORM_ORIGIN } from "./platform";
import { tenantUrl } from "./tenant-session";

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];

type Who = "visitor" | "voter" | "admin" | "platform admin";
type Visit = { name: string; who: Who; url: () => string; status?: number };

// Made once per worker: a poll with a long question and votes (the voter voted in it) and a poll the voter has not voted in.
let voted: { id: number };
let open: { id: number };
let voter: ApiUser;

const VISITS: Visit[] = [
  { name: "tenant home (polls list)", who: "visitor", url: () => tenantUrl("thor", "/") },
  { name: "tenant home, signed in", who: "voter", url: () => tenantUrl("thor", "/") },
  { name: "poll page, signed out", who: "visitor", url: () => tenantUrl("thor", `/polls/${voted.id}`) },
  { name: "poll page with the vote form", who: "voter", url: () => tenantUrl("thor", `/polls/${open.id}`) },
  { name: "poll results after voting", who: "voter", url: () => tenantUrl("thor", `/polls/${voted.id}`) },
  { name: "log in", who: "visitor", url: () => tenantUrl("thor", "/login") },
  { name: "sign up", who: "visitor", url: () => tenantUrl("thor", "/signup") },
  { name: "API docs", who: "visitor", url: () => tenantUrl("thor", "/api/docs") },
  { name: "admin dashboard (polls)", who: "admin", url: () => tenantUrl("thor", "/admin") },
  { name: "admin new poll", who: "admin", url: () => tenantUrl("thor", "/admin/polls/new") },
  { name: "admin edit poll", who: "admin", url: () => tenantUrl("thor", `/admin/polls/${voted.id}`) },
  { name: "admin delete confirm", who: "admin", url: () => tenantUrl("thor", `/admin/polls/${voted.id}/delete`) },
  { name: "admin users", who: "admin", url: () => tenantUrl("thor", "/admin/users") },
  { name: "tenant 404 (missing poll)", who: "visitor", url: () => tenantUrl("thor", "/polls/999999"), status: 404 },
  { name: "tenant 404 (no route)", who: "visitor", url: () => tenantUrl("thor", "/no/such/page"), status: 404 },
  { name: "403 admins only", who: "voter", url: () => tenantUrl("thor", "/admin"), status: 403 },
  { name: "platform landing", who: "visitor", url: () => `${PLATFORM_ORIGIN}/` },
  { name: "platform sign-in", who: "visitor", url: () => `${PLATFORM_ORIGIN}/admin/login` },
  { name: "platform 404", who: "visitor", url: () => `${PLATFORM_ORIGIN}/nope`, status: 404 },
  { name: "platform admin (tenants)", who: "platform admin", url: () => `${PLATFORM_ORIGIN}/admin` },
  { name: "platform admin tenant page", who: "platform admin", url: () => `${PLATFORM_ORIGIN}/admin/tenants/potter` },
  { name: "platform admin delete confirm", who: "platform admin", url: () => `${PLATFORM_ORIGIN}/admin/tenants/potter/delete` },
];

test.beforeAll(async () => {
  const admin = await login(THOR, "admin", E2E_ADMIN_PASSWORD);
  // A long question and long unbroken choice texts: the layout must wrap them, not widen the page.
  const long = await createPollOverApi(THOR, admin, ["Mjölnir, the hammer forged by the dwarves Brokkr and Sindri", "Gungnir"], `Which of these would you trust in the last battle at Ragnarök ${Date.now().toString(36)}?`);
  // A question of one unbroken word and an account with an unbroken 133-character email: the admin tables wrap them too.
  const unbroken = `Unbroken${"m".repeat(150)}${Date.now().toString(36)}?`;
  open = await createPollOverApi(THOR, admin, ["Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Short"], unbroken);
  const longEmail = { username: uniqueName("longmail"), email: `${"e".repeat(60)}@${"x".repeat(60)}.example.com`, password: "long enough" };
  expect((await api(THOR, "POST", "/api/users", { json: longEmail })).status).toBe(201);
  voter = await signUpOverApi(THOR, "pages");
  const gungnir = long.choices.find((choice) => choice.choice_text === "Gungnir")!;
  const vote = await api(THOR, "POST", `/api/polls/${long.id}/choices/${gungnir.id}/vote`, { token: voter.token });
  expect(vote.status, vote.body).toBe(201);
  voted = long;
});

async function contextFor(browser: Browser, who: Who, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  if (who === "voter" || who === "admin") {
    const [username, password] = who === "voter" ? [voter.username, voter.password] : ["admin", E2E_ADMIN_PASSWORD];
    const token = (await signIn(THOR, username, password)).token;
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: tenantUrl("thor"), httpOnly: true, sameSite: "Lax" }]);
  }
  if (who === "platform admin") {
    const token = (await signIn(hostOf("localhost"), PLATFORM_ADMIN.username, PLATFORM_ADMIN.password)).token;
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: PLATFORM_ORIGIN, httpOnly: true, sameSite: "Lax" }]);
  }
  return context;
}

/** Visible controls that stick out of the window sideways (the skip link waits off-screen until focused). */
function controlsOutsideTheWindow(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("a, button, input, select, textarea, summary")]
      .filter((el) => el.checkVisibility() && el.getAttribute("href") !== "#main")
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 1 && (box.left < -0.5 || box.right > window.innerWidth + 0.5);
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}"`),
  );
}

// One test per page and width: axe on a long page (the API docs) takes seconds on a busy machine.
for (const visit of VISITS) {
  for (const viewport of WIDTHS) {
    test(`${visit.name} at ${viewport.width} px: fits, no serious accessibility violation`, async ({ browser }) => {
      const context = await contextFor(browser, visit.who, viewport);
      const page = await context.newPage();
      const response = await page.goto(visit.url());
      expect(response?.status(), visit.url()).toBe(visit.status ?? 200);
      // The API docs have two: the page's own (for screen readers) and the reference's title.
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scrollWidth, `${visit.name} at ${viewport.width} px scrolls sideways`).toBeLessThanOrEqual(innerWidth);
      expect(await controlsOutsideTheWindow(page), `${visit.name} at ${viewport.width} px`).toEqual([]);

      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      expect(serious, `${visit.name} at ${viewport.width} px`).toEqual([]);
      await context.close();
    });
  }
}
