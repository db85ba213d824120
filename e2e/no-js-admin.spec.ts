// The tenant admin and a voter with JavaScript off: every form is a plain HTML post. (The session is
// made over HTTP, then the browsing is done without JavaScript.)
import { type Page } from "@playwright/test";
import { castVotes, choiceVotes, realmsPoll } from "./poll-votes";
import { signInContext, tenantUrl } from "./tenant-session";
import { test, expect, api, E2E_ADMIN_PASSWORD, THOR, uniqueName } from "./fixtures";

test.use({ javaScriptEnabled: false });

function choiceInputs(page: Page) {
  return page.locator('input[name="choiceText"]');
}

/** The form's choice rows hold exactly `values` (waiting for the redrawn page, which streams in). */
async function expectChoices(page: Page, values: string[]) {
  await expect(choiceInputs(page)).toHaveCount(values.length);
  for (const [i, value] of values.entries()) await expect(choiceInputs(page).nth(i)).toHaveValue(value);
}

test.beforeEach(async ({ context }) => {
  await signInContext(context, "thor", "admin", E2E_ADMIN_PASSWORD);
});

test("the admin creates a poll: rows added and removed, refusals keep every row, duplicates refused", async ({ page }) => {
  await page.goto(tenantUrl("thor", "/admin/polls/new"));
  const question = uniqueName("No script?", "-");
  await page.getByLabel("Question").fill(question);
  await choiceInputs(page).nth(0).fill("Yes");
  await choiceInputs(page).nth(2).fill("yes");

  // "+ Add a choice" redraws the form with one more row, keeping what was typed and saving nothing.
  await page.getByRole("button", { name: "+ Add a choice" }).click();
  await expectChoices(page, ["Yes", "", "yes", ""]);
  await expect(page.getByLabel("Question")).toHaveValue(question);

  // A refused save: the repeat is marked on its own row, and the rows come back as sent, blank ones too.
  await page.getByRole("button", { name: "Create poll" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Nothing was saved");
  await expect(choiceInputs(page).nth(2)).toHaveAccessibleDescription("Same as choice 1: each choice must differ (ignoring case)");
  await expectChoices(page, ["Yes", "", "yes", ""]);

  // "Remove" redraws with one row fewer, and never leaves fewer than two.
  await page.getByRole("button", { name: "Remove choice 2" }).click();
  await expectChoices(page, ["Yes", "yes", ""]);
  await page.getByRole("button", { name: "Remove choice 3" }).click();
  await expectChoices(page, ["Yes", "yes"]);
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(2);
  for (const remove of await page.getByRole("button", { name: /^Remove/ }).all()) await expect(remove).toBeDisabled();

  await choiceInputs(page).nth(1).fill("No");
  await page.getByRole("button", { name: "Create poll" }).click();
  await expect(page.getByText("Poll created.")).toBeVisible();
  await expectChoices(page, ["Yes", "No", ""]);
});

test("removing a choice with votes waits for a confirmation naming them, and asks again if more arrive", async ({ page, accounts }) => {
  const poll = await realmsPoll(3);
  await page.goto(tenantUrl("thor", `/admin/polls/${poll.id}`));
  await page.getByRole("button", { name: "Remove choice 2" }).click();
  await expectChoices(page, ["Asgard", "Midgard", ""]);
  await page.getByRole("button", { name: "Save changes" }).click();

  const warning = page.getByRole("alert");
  await expect(warning).toContainText("Removing 'Vanaheim' deletes its 3 votes.");
  expect(await choiceVotes(poll.id)).toEqual([["Asgard", 0], ["Vanaheim", 3], ["Midgard", 0]]);
  await expectChoices(page, ["Asgard", "Midgard", ""]);

  // A fourth vote arrives while the admin reads the warning: the confirmation covered three, so it asks again.
  await castVotes(poll, "Vanaheim", 1);
  await page.getByRole("button", { name: "Remove and delete 3 votes" }).click();
  await expect(page.getByRole("alert")).toContainText("Removing 'Vanaheim' deletes its 4 votes.");
  expect(await choiceVotes(poll.id)).toEqual([["Asgard", 0], ["Vanaheim", 4], ["Midgard", 0]]);

  await page.getByRole("button", { name: "Remove and delete 4 votes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  expect(await choiceVotes(poll.id)).toEqual([["Asgard", 0], ["Midgard", 0]]);

  // Its voters may vote again.
  const voter = await accounts.signUp(THOR, "again");
  const asgard = (await api(THOR, "GET", `/api/polls/${poll.id}`)).json<{ choices: { id: number }[] }>().choices[0];
  expect((await api(THOR, "POST", `/api/polls/${poll.id}/choices/${asgard.id}/vote`, { token: voter.token })).status).toBe(201);
});

test("deleting a poll goes through a confirm page", async ({ page }) => {
  const poll = await realmsPoll(2);
  await page.goto(tenantUrl("thor", `/admin/polls/${poll.id}`));
  await page.getByRole("link", { name: "Delete poll" }).click();
  await expect(page).toHaveURL(tenantUrl("thor", `/admin/polls/${poll.id}/delete`));
  await expect(page.getByRole("heading", { name: `Delete “${poll.question}”?` })).toBeVisible();
  expect((await api(THOR, "GET", `/api/polls/${poll.id}`)).status).toBe(200);

  await page.getByRole("button", { name: "Delete the poll and its 2 votes" }).click();
  await expect(page).toHaveURL(tenantUrl("thor", "/admin?deleted=1"));
  await expect(page.getByText("Poll deleted.")).toBeVisible();
  expect((await api(THOR, "GET", `/api/polls/${poll.id}`)).status).toBe(404);
});

test("a voter votes, sees the results, and a stale tab shows the vote made elsewhere", async ({ browser, accounts }) => {
  const poll = await realmsPoll(1);
  const voter = await accounts.signUp(THOR, "nojs");
  const context = await browser.newContext({ javaScriptEnabled: false });
  await signInContext(context, "thor", voter.username, voter.password);
  const page = await context.newPage();
  const stale = await context.newPage();
  await page.goto(tenantUrl("thor", `/polls/${poll.id}`));
  await stale.goto(tenantUrl("thor", `/polls/${poll.id}`));

  await page.getByLabel("Asgard").check();
  await page.getByRole("button", { name: "Vote" }).click();
  await expect(page.getByRole("status")).toContainText("You voted for Asgard");
  await expect(page.getByRole("form", { name: "Vote" })).toHaveCount(0);
  await expect(page.getByTestId("total-votes")).toHaveText("2 votes");

  await stale.getByLabel("Midgard").check();
  await stale.getByRole("button", { name: "Vote" }).click();
  await expect(stale.getByRole("alert")).toHaveText(/already voted in this poll/);
  await expect(stale.getByRole("status")).toContainText("You voted for Asgard");
  await expect(stale.getByRole("form", { name: "Vote" })).toHaveCount(0);
  await expect(stale.getByTestId("total-votes")).toHaveText("2 votes");
  expect(await choiceVotes(poll.id)).toEqual([["Asgard", 1], ["Vanaheim", 1], ["Midgard", 0]]);
  await context.close();
});
