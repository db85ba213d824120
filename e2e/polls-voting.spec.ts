import { type Page } from "@playwright/test";
import { USER_PASSWORD, createPollInBrowser, fillSignUp, get, hiddenFields, inBatches, postActionForm, signInContext, tenantUrl } from "./tenant-session";
import { test, expect, E2E_ADMIN_PASSWORD, signIn, tenantHost, uniqueName } from "./fixtures";

function resultRow(page: Page, choice: string) {
  return page.getByTestId("result-row").filter({ hasText: choice });
}

async function barWidth(page: Page, choice: string): Promise<string> {
  return resultRow(page, choice).locator(".bar-fill").evaluate((el) => (el as HTMLElement).style.width);
}

/** A fresh poll on thor made through the admin UI, so no other test's votes land on it. */
async function freshPoll(page: Page, choices = ["Red", "Green", "Blue"], options: { resultsBeforeVoting?: boolean } = {}) {
  await signInContext(page.context(), "thor", "admin", E2E_ADMIN_PASSWORD);
  const question = uniqueName("Favourite colour?", "-");
  const id = await createPollInBrowser(page, "thor", question, choices, options);
  await page.context().clearCookies();
  return { id, question, choices };
}

test("a voter signs up from a poll, votes, sees the bars move; a second vote is refused and not counted", async ({ page }) => {
  const poll = await freshPoll(page);
  const username = uniqueName("voter", "-");

  await page.goto(tenantUrl("thor", "/"));
  await page.getByRole("link", { name: poll.question }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(poll.question);
  await expect(page.getByRole("link", { name: "Log in to vote" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Vote" })).toHaveCount(0);
  await page.getByRole("link", { name: "Sign up" }).last().click();
  await fillSignUp(page, username);

  // Signed up and signed in, back on the poll, whose results wait for the vote (the default).
  await expect(page).toHaveURL(tenantUrl("thor", `/polls/${poll.id}`));
  await expect(page.getByTestId("signed-in-user")).toHaveText(`Signed in as ${username}`);
  await expect(page.getByTestId("results-hidden")).toBeVisible();
  await expect(page.getByTestId("result-row")).toHaveCount(0);

  // A second tab on the same poll, still showing the vote form.
  const second = await page.context().newPage();
  await second.goto(tenantUrl("thor", `/polls/${poll.id}`));

  await page.getByLabel("Green").check();
  await page.getByRole("button", { name: "Vote" }).click();
  await expect(page.getByRole("status")).toContainText("You voted for Green");
  // The action's redirect lands on the tenant's own page (not the platform's) on the tenant's host.
  await expect(page).toHaveURL(tenantUrl("thor", `/polls/${poll.id}`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(poll.question);
  await expect(resultRow(page, "Green").getByTestId("percent")).toHaveText("100%");
  await expect.poll(() => barWidth(page, "Green")).toBe("100%");
  await expect(page.getByTestId("total-votes")).toHaveText("1 vote");
  await expect(page.getByRole("button", { name: "Vote" })).toHaveCount(0);

  await second.getByLabel("Blue").check();
  await second.getByRole("button", { name: "Vote" }).click();
  // The stale tab is refused and then shows the poll as it is: the vote made elsewhere, no form.
  await expect(second.getByRole("main").getByRole("alert")).toHaveText(/already voted in this poll/);
  await expect(second.getByRole("status")).toContainText("You voted for Green");
  await expect(second.getByRole("form", { name: "Vote" })).toHaveCount(0);
  await expect(resultRow(second, "Green").getByTestId("percent")).toHaveText("100%");
  await expect(second.getByTestId("total-votes")).toHaveText("1 vote");

  await page.reload();
  await expect(page.getByTestId("total-votes")).toHaveText("1 vote");
  await expect(resultRow(page, "Blue").getByTestId("percent")).toHaveText("0%");
  await expect(resultRow(page, "Green")).toContainText("1 vote");
});

test("voting works with JavaScript off", async ({ browser, page }) => {
  const poll = await freshPoll(page, ["Yes", "No"]);
  const username = uniqueName("nojs", "-");
  await page.goto(tenantUrl("thor", "/signup"));
  await fillSignUp(page, username);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();

  const context = await browser.newContext({ javaScriptEnabled: false });
  await signInContext(context, "thor", username, USER_PASSWORD);
  const noJs = await context.newPage();
  await noJs.goto(tenantUrl("thor", `/polls/${poll.id}`));
  await noJs.getByLabel("No").check();
  await noJs.getByRole("button", { name: "Vote" }).click();
  await expect(noJs).toHaveURL(tenantUrl("thor", `/polls/${poll.id}`));
  await expect(noJs.getByRole("status")).toContainText("You voted for No");
  await expect(noJs.getByTestId("total-votes")).toHaveText("1 vote");
  await context.close();
});

test("a poll id written other than in plain digits is a 404, on the poll page and in the admin, as in the API", async ({ page }) => {
  const poll = await freshPoll(page, ["Yes", "No"]);
  const misspelt = [`${poll.id}e0`, `${poll.id}.0`, `%20${poll.id}`, `0x${poll.id.toString(16)}`, `+${poll.id}`];
  for (const id of misspelt) {
    const response = await page.goto(tenantUrl("thor", `/polls/${id}`));
    expect(response?.status(), id).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  }
  // Leading zeros are still the same digits, in the API as here.
  expect((await page.goto(tenantUrl("thor", `/polls/0${poll.id}`)))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(poll.question);

  await signInContext(page.context(), "thor", "admin", E2E_ADMIN_PASSWORD);
  expect((await page.goto(tenantUrl("thor", `/admin/polls/${poll.id}e0`)))?.status()).toBe(404);
  expect((await page.goto(tenantUrl("thor", `/admin/polls/${poll.id}e0/delete`)))?.status()).toBe(404);
});

test("the polls list shows newest first with vote counts, and pages", async ({ page }) => {
  await signInContext(page.context(), "thor", "admin", E2E_ADMIN_PASSWORD);
  const questions = Array.from({ length: 11 }, (_, i) => uniqueName(`Paged poll ${i}?`, "-"));
  for (const question of questions) await createPollInBrowser(page, "thor", question, ["A", "B"]);
  const [oldest, ...newer] = questions;

  await page.goto(tenantUrl("thor", "/"));
  const list = page.getByRole("list", { name: "Polls" });
  const firstPage = await list.getByRole("heading").allTextContents();
  expect(firstPage).toHaveLength(10);
  // Newest first: of this test's polls, the later ones come first.
  const mine = firstPage.filter((q) => newer.includes(q));
  expect(mine).toEqual([...newer].reverse().slice(0, mine.length));
  await expect(page.locator(".poll-card", { hasText: newer.at(-1)! })).toContainText("0 votes");

  // Ten newer polls push the oldest one off the first page; the pager reaches it.
  expect(firstPage).not.toContain(oldest);
  await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();
  for (let n = 2; ; n++) {
    await page.getByRole("link", { name: "Older →" }).click();
    await expect(page).toHaveURL(new RegExp(`page=${n}`));
    if (await list.getByRole("link", { name: oldest }).count()) break;
  }
  await expect(page.getByRole("link", { name: "← Newer" })).toBeVisible();
});

test("100 users each firing 2 concurrent votes on one poll produce exactly 100 votes and no 5xx", async ({ page }) => {
  test.setTimeout(240_000);
  const poll = await freshPoll(page);

  // The users sign up through the real sign-up form, posted over HTTP as a browser without JavaScript would.
  await page.goto(tenantUrl("thor", "/signup"));
  const signUpFields = await hiddenFields(page.getByRole("form", { name: "Sign up" }));
  const usernames = Array.from({ length: 100 }, (_, i) => uniqueName(`crowd${i}`, "-"));
  const signUps = await inBatches(usernames, 6, (username) =>
    postActionForm("thor", "/signup", [...signUpFields, ["username", username], ["email", ""], ["password", USER_PASSWORD]]),
  );
  // Each is created and signed in: a redirect that carries the new session.
  expect(signUps.map((r) => r.status)).toEqual(usernames.map(() => 303));
  expect(signUps.every((r) => (r.headers["set-cookie"] ?? []).some((c) => c.startsWith("next-auth.session-token=")))).toBe(true);
  const cookies = await inBatches(usernames, 6, (username) => signIn(tenantHost("thor"), username, USER_PASSWORD).then((s) => s.cookie));

  await signInContext(page.context(), "thor", usernames[0], USER_PASSWORD);
  await page.goto(tenantUrl("thor", `/polls/${poll.id}`));
  const voteFields = await hiddenFields(page.getByRole("form", { name: "Vote" }));
  const choiceIds = await page.getByRole("radio").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(choiceIds).toHaveLength(3);

  const votes = cookies.flatMap((cookie, i) =>
    [0, 1].map((n) =>
      postActionForm("thor", `/polls/${poll.id}`, [...voteFields, ["choice", choiceIds[(i + n) % 3]]], { cookie }),
    ),
  );
  const responses = await Promise.all(votes);
  expect(responses.map((r) => r.status).filter((s) => s !== 303)).toEqual([]); // accepted or refused, each redirects to the poll
  const locations = responses.map((r) => r.headers.location);
  expect(locations.filter((l) => l === `/polls/${poll.id}`)).toHaveLength(100); // each user's winning vote
  expect(locations.filter((l) => l === `/polls/${poll.id}?refused=already_voted`)).toHaveLength(100); // the other: "already voted"

  const results = await get("thor", `/polls/${poll.id}`, cookies[0]);
  expect(results.body.replaceAll("<!-- -->", "")).toContain('data-testid="total-votes">100 votes<');
  await page.reload();
  await expect(page.getByTestId("total-votes")).toHaveText("100 votes");
});

test("a posted vote naming another tenant or another poll's choice is refused and not counted", async ({ page }) => {
  // Results shown before voting, so the voter's page can say that nothing was counted.
  const poll = await freshPoll(page, ["Mine A", "Mine B"], { resultsBeforeVoting: true });
  const other = await freshPoll(page, ["Other A", "Other B"], { resultsBeforeVoting: true });
  const username = uniqueName("tamperer", "-");
  await page.goto(tenantUrl("thor", "/signup"));
  await fillSignUp(page, username);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();

  await page.goto(tenantUrl("thor", `/polls/${other.id}`));
  const foreignChoice = await page.getByRole("radio").first().getAttribute("value");
  await page.goto(tenantUrl("thor", `/polls/${poll.id}`));
  const fields = await hiddenFields(page.getByRole("form", { name: "Vote" }));
  const ownChoice = await page.getByRole("radio").first().getAttribute("value");
  const cookie = (await signIn(tenantHost("thor"), username, USER_PASSWORD)).cookie;

  // The bound arguments (tenant slug, poll id) travel in the form: swap the tenant for potter.
  const tampered = fields.map(([name, value]): [string, string] => {
    if (!/^\$ACTION_\d+:1$/.test(name)) return [name, value];
    const args = JSON.parse(value) as unknown[];
    expect(args[0]).toBe("thor");
    return [name, JSON.stringify(["potter", ...args.slice(1)])];
  });
  const crossTenant = await postActionForm("thor", `/polls/${poll.id}`, [...tampered, ["choice", ownChoice!]], { cookie });
  expect(crossTenant.status).toBe(200);
  expect(crossTenant.body).toContain("This poll is not available.");

  const crossPoll = await postActionForm("thor", `/polls/${poll.id}`, [...fields, ["choice", foreignChoice!]], { cookie });
  expect(crossPoll.status).toBe(303);
  expect(crossPoll.headers.location).toBe(`/polls/${poll.id}?refused=not_found`);
  expect((await get("thor", crossPoll.headers.location!, cookie)).body).toContain("That choice is no longer part of this poll.");

  for (const id of [poll.id, other.id]) {
    await page.goto(tenantUrl("thor", `/polls/${id}`));
    await expect(page.getByTestId("total-votes")).toHaveText("0 votes");
  }
  // The untampered form still works, so the refusals were the checks, not a broken post.
  const honest = await postActionForm("thor", `/polls/${poll.id}`, [...fields, ["choice", ownChoice!]], { cookie });
  expect(honest.status).toBe(303);
  await page.goto(tenantUrl("thor", `/polls/${poll.id}`));
  await expect(page.getByTestId("total-votes")).toHaveText("1 vote");
});
