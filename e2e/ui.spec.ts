// What the shell and the polls pages promise a reader: the phone menu without JavaScript, the current page marked,
// titles, sign-in and sign-out notices, clickable poll cards, "You voted", the leader and the empty results, the error
// summary taking focus (and on the branding and platform forms), counters on limited fields, a long site name beside
// the phone menu, and dates in the admin tables.
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD, THOR, api, createPollOverApi, login, signUpOverApi, test as withFixtures } from "./fixtures";
import { PLATFORM_ORIGIN, signInPlatformAdmin } from "./platform";
import { fillLogIn, signInContext, tenantUrl } from "./tenant-session";

const PHONE = { width: 390, height: 844 };

/** A new poll whose results everyone may see before voting, so a visitor's page shows them (decision 033). */
async function freshPoll(choices = ["Fire", "Ice"]) {
  const token = await login(THOR, "admin", E2E_ADMIN_PASSWORD);
  const poll = await createPollOverApi(THOR, token, choices);
  const shown = await api(THOR, "PATCH", `/api/polls/${poll.id}`, { token, json: { show_results_before_voting: true } });
  expect(shown.status).toBe(200);
  return poll;
}

async function vote(token: string, poll: { id: number; choices: { id: number; choice_text: string }[] }, text: string) {
  const choice = poll.choices.find((c) => c.choice_text === text)!;
  const response = await api(THOR, "POST", `/api/polls/${poll.id}/choices/${choice.id}/vote`, { token });
  expect(response.status, response.body).toBe(201);
}

test.describe("on a phone with JavaScript off", () => {
  test.use({ javaScriptEnabled: false, viewport: PHONE });

  test("the top bar folds into a menu that opens and navigates", async ({ page }) => {
    await signInContext(page.context(), "thor", "admin", E2E_ADMIN_PASSWORD);
    await page.goto(tenantUrl("thor", "/"));
    const admin = page.getByRole("link", { name: "Admin", exact: true });
    await expect(admin).toBeHidden();
    await page.locator("summary", { hasText: "Menu" }).click();
    await expect(page.getByRole("link", { name: "Polls", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
    await admin.click();
    await expect(page).toHaveURL(tenantUrl("thor", "/admin"));
    await page.locator("summary", { hasText: "Menu" }).click();
    await expect(page.getByRole("link", { name: "Admin", exact: true })).toHaveAttribute("aria-current", "page");
  });

  test("signing in and out says so on the next page", async ({ page }) => {
    const voter = await signUpOverApi(THOR, "notice");
    await page.goto(tenantUrl("thor", "/login"));
    await fillLogIn(page, voter.username, voter.password);
    await expect(page.getByTestId("account-notice")).toHaveText(`Signed in as ${voter.username}.`);
    await page.locator("summary", { hasText: "Menu" }).click();
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.getByTestId("account-notice")).toHaveText("You have signed out.");
  });

  test("a refused form puts its error summary first, linked to the field", async ({ page }) => {
    await page.goto(tenantUrl("thor", "/signup"));
    await page.getByLabel("Username").fill("ab");
    await page.getByRole("button", { name: "Create account" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("The account was not created yet.");
    await expect(summary.getByRole("link", { name: "Username must be at least 3 characters" })).toHaveAttribute("href", "#username");
  });
});

test.describe("with JavaScript on", () => {
  test("the top bar marks the current page and shows every link at 1280 px", async ({ page }) => {
    await page.goto(tenantUrl("thor", "/login"));
    await expect(page.getByRole("link", { name: "Polls", exact: true })).not.toHaveAttribute("aria-current", "page");
    await page.getByRole("link", { name: "Polls", exact: true }).click();
    await expect(page.getByRole("link", { name: "Polls", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "API docs" })).toHaveAttribute("href", "/api/docs");
  });

  test("pages have real titles", async ({ page }) => {
    const poll = await freshPoll();
    await page.goto(tenantUrl("thor", `/polls/${poll.id}`));
    await expect(page).toHaveTitle(`${poll.question} · Thor`);
    await page.goto(tenantUrl("thor", "/"));
    await expect(page).toHaveTitle("Latest polls · Thor");
    await page.goto(tenantUrl("thor", "/polls/999999"));
    await expect(page).toHaveTitle("Not found · Thor");
  });

  test("a poll card is one link, clickable anywhere, and says 'You voted' to its voter", async ({ page }) => {
    const poll = await freshPoll();
    const voter = await signUpOverApi(THOR, "card");
    await vote(voter.token, poll, "Ice");
    await signInContext(page.context(), "thor", voter.username, voter.password);
    await page.goto(tenantUrl("thor", "/"));
    const card = page.locator(".poll-card", { hasText: poll.question });
    await expect(card.getByRole("link")).toHaveCount(1);
    await expect(card).toContainText("You voted");
    const other = page.locator(".poll-card").filter({ hasNotText: poll.question }).first();
    await expect(other).not.toContainText("You voted");
    // The card's far corner, away from the question's text.
    const box = (await card.boundingBox())!;
    await page.mouse.click(box.x + box.width - 8, box.y + box.height - 8);
    await expect(page).toHaveURL(tenantUrl("thor", `/polls/${poll.id}`));
  });

  test("results highlight the leader, and an unvoted open poll invites the first vote", async ({ page }) => {
    const poll = await freshPoll(["Odin", "Loki", "Frigg"]);
    await page.goto(tenantUrl("thor", `/polls/${poll.id}`));
    await expect(page.getByTestId("no-votes")).toHaveText("No votes yet — be the first.");
    await expect(page.locator("[data-leading]")).toHaveCount(0);

    const [a, b, c] = [await signUpOverApi(THOR, "lead"), await signUpOverApi(THOR, "lead"), await signUpOverApi(THOR, "lead")];
    await vote(a.token, poll, "Loki");
    await vote(b.token, poll, "Loki");
    await vote(c.token, poll, "Frigg");
    await page.reload();
    await expect(page.getByTestId("no-votes")).toHaveCount(0);
    await expect(page.locator("[data-leading]")).toHaveCount(1);
    await expect(page.locator("[data-leading]")).toContainText("Loki");
    await expect(page.locator("[data-leading]")).toContainText("Leading");
  });

  test("a refused sign-in moves focus to the error summary", async ({ page }) => {
    await page.goto(tenantUrl("thor", "/login"));
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByTestId("error-summary")).toBeFocused();
    await expect(page.getByTestId("error-summary").getByRole("link", { name: "Enter your username" })).toBeVisible();
  });

  test("limited fields have maxlength from the schema and a live counter", async ({ page }) => {
    await signInContext(page.context(), "thor", "admin", E2E_ADMIN_PASSWORD);
    await page.goto(tenantUrl("thor", "/admin/polls/new"));
    const question = page.getByLabel("Question");
    await expect(question).toHaveAttribute("maxlength", "200");
    await expect(page.locator('input[name="choiceText"]').first()).toHaveAttribute("maxlength", "100");
    await expect(page.getByTestId("question-count")).toHaveText("0/200");
    await question.fill("Which realm?");
    await expect(page.getByTestId("question-count")).toHaveText("12/200");
  });

  test("dates show relative time in the reader's language once the page runs", async ({ browser }) => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page: Page = await context.newPage();
    const poll = await freshPoll();
    await page.goto(tenantUrl("thor", `/polls/${poll.id}`));
    const published = page.getByRole("main").locator("time").first();
    await expect(published).toHaveText(/maintenant|cette minute|il y a/);
    await expect(published).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
    await context.close();
  });
});

/** The most lines any one text in an element takes (the distinct tops of that text's boxes). */
function linesOf(locator: import("@playwright/test").Locator): Promise<number> {
  return locator.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let most = 0;
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(text);
      most = Math.max(most, new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size);
    }
    return most;
  });
}

withFixtures.describe("a site's admin, JavaScript off, on a phone", () => {
  withFixtures.use({ javaScriptEnabled: false, viewport: PHONE });

  withFixtures("a refused branding form starts with an error summary; a long name truncates beside a one-line Menu", async ({ page, freshTenant }) => {
    const { slug, admin } = freshTenant;
    await signInContext(page.context(), slug, admin.username, admin.password);
    await page.goto(tenantUrl(slug, "/admin/settings"));
    await page.getByLabel("Accent colour").fill("red");
    await page.getByRole("button", { name: "Save branding" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("The branding was not saved.");
    await expect(summary.getByRole("link", { name: /^Accent colour: / })).toHaveAttribute("href", "#accentColor");

    const long = "Thor ⚡ Pölls of the Nine Realms and Beyond";
    await page.getByLabel("Accent colour").fill("");
    await page.getByLabel("Display name").fill(long);
    await page.getByRole("button", { name: "Save branding" }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await page.goto(tenantUrl(slug, "/"));
    const brand = page.getByRole("banner").getByRole("link", { name: `${long} Polls` });
    await expect(brand).toBeVisible();
    const menu = page.getByTestId("menu-button");
    expect(await linesOf(menu), "the Menu button's label wraps").toBe(1);
    expect(await linesOf(brand), "the site name wraps instead of truncating").toBe(1);
    const [brandBox, menuBox] = [await brand.boundingBox(), await menu.boundingBox()];
    expect(brandBox!.x + brandBox!.width).toBeLessThanOrEqual(menuBox!.x);
  });
});

withFixtures.describe("the platform console", () => {
  withFixtures("a tenant's page marks Tenants current; its refused forms start with an error summary", async ({ page, freshTenant }) => {
    await signInPlatformAdmin(page);
    await page.goto(`${PLATFORM_ORIGIN}/admin/tenants/${freshTenant.slug}`);
    await expect(page.getByRole("banner").getByRole("link", { name: "Tenants", exact: true })).toHaveAttribute("aria-current", "page");

    const domain = page.getByRole("form", { name: "Add a domain" });
    await domain.getByLabel("New custom domain").fill("thor.localhost");
    await domain.getByRole("button", { name: "Add domain" }).click();
    const domainSummary = domain.getByTestId("error-summary");
    await expect(domainSummary).toContainText("The domain was not added.");
    await expect(domainSummary).toBeFocused();
    await expect(domainSummary.getByRole("link", { name: /^New custom domain: / })).toHaveAttribute("href", "#add-domain");
  });

});

withFixtures.describe("a site's admin tables", () => {
  withFixtures("show dates with the month named, in the reader's language", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false });
    const page = await context.newPage();
    await signInContext(context, "thor", "admin", E2E_ADMIN_PASSWORD);
    await page.goto(tenantUrl("thor", "/admin/users"));
    const joined = page.getByRole("main").locator("td time").first();
    // Without JavaScript: the server's "4 Dec 2026", never 04/12/2026.
    await expect(joined).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await context.close();
    const js = await browser.newContext({ locale: "en-US" });
    const jsPage = await js.newPage();
    await signInContext(js, "thor", "admin", E2E_ADMIN_PASSWORD);
    await jsPage.goto(tenantUrl("thor", "/admin/users"));
    // With JavaScript: the browser's language, "Dec 4, 2026" for en-US.
    await expect(jsPage.getByRole("main").locator("td time").first()).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    const header = jsPage.getByRole("columnheader", { name: "Votes" });
    expect(await linesOf(header), "a column heading wraps").toBe(1);
    await js.close();
  });
});
