// Nothing an admin or an API client does loses votes as a side effect, and a poll's choices differ
// (ignoring case), with JavaScript on; no-js-admin.spec.ts walks the same forms with it off.
import { choiceVotes, realmsPoll, thorAdminToken } from "./poll-votes";
import { signInContext, tenantUrl } from "./tenant-session";
import { test, expect, api, E2E_ADMIN_PASSWORD, expectApiError, type PollJson, THOR, uniqueName } from "./fixtures";

test.beforeEach(async ({ context }) => {
  await signInContext(context, "thor", "admin", E2E_ADMIN_PASSWORD);
});

test("with JavaScript, removing a choice with votes also waits for the confirmation, and rows stay at two or more", async ({ page }) => {
  const poll = await realmsPoll(3);
  await page.goto(tenantUrl("thor", `/admin/polls/${poll.id}`));
  await expect(page.locator('input[name="choiceText"]')).toHaveCount(4); // the three choices and room for one more
  await page.getByRole("button", { name: "Remove choice 2" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("form", { name: "Poll" }).getByRole("alert")).toContainText("Removing 'Vanaheim' deletes its 3 votes.");
  expect(await choiceVotes(poll.id)).toEqual([["Asgard", 0], ["Vanaheim", 3], ["Midgard", 0]]);

  await page.getByRole("button", { name: "Remove and delete 3 votes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  expect(await choiceVotes(poll.id)).toEqual([["Asgard", 0], ["Midgard", 0]]);

  // In the browser, "Remove" stops at two rows.
  const rows = page.locator('input[name="choiceText"]');
  while ((await rows.count()) > 2) await page.getByRole("button", { name: /^Remove/ }).last().click();
  for (const remove of await page.getByRole("button", { name: /^Remove/ }).all()) await expect(remove).toBeDisabled();
});

test("two choices swap texts in one edit; a repeated text is refused beside its row", async ({ page, polls }) => {
  const poll = await polls.create(THOR, await thorAdminToken(), ["First", "Second"], uniqueName("Order?", "-"));
  await page.goto(tenantUrl("thor", `/admin/polls/${poll.id}`));
  await page.getByLabel("Choice 1", { exact: true }).fill("Second");
  await page.getByLabel("Choice 2", { exact: true }).fill("First");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  expect(await choiceVotes(poll.id)).toEqual([["Second", 0], ["First", 0]]);

  await page.getByLabel("Choice 3", { exact: true }).fill(" first ");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByLabel("Choice 3", { exact: true })).toHaveAccessibleDescription("Same as choice 2: each choice must differ (ignoring case)");
  expect(await choiceVotes(poll.id)).toEqual([["Second", 0], ["First", 0]]);
});

test("the API answers 409 choice_has_votes instead of deleting votes, until delete_votes says so", async () => {
  const poll = await realmsPoll(3);
  const token = await thorAdminToken();
  const [asgard, , midgard] = poll.choices;
  const choices = [
    { id: asgard.id, choice_text: "Asgard" },
    { id: midgard.id, choice_text: "Midgard" },
  ];

  for (const method of ["PUT", "PATCH"]) {
    const refused = await api(THOR, method, `/api/polls/${poll.id}`, { token, json: { question: poll.question, choices } });
    const error = expectApiError(refused, 409, "choice_has_votes") as unknown as { message: string; choices: unknown };
    expect(error.message).toContain("Removing 'Vanaheim' deletes its 3 votes");
    expect(error.choices).toEqual([{ id: poll.choices[1].id, choice_text: "Vanaheim", votes: 3 }]);
    expect(await choiceVotes(poll.id)).toEqual([["Asgard", 0], ["Vanaheim", 3], ["Midgard", 0]]);
  }

  const accepted = await api(THOR, "PATCH", `/api/polls/${poll.id}`, { token, json: { choices, delete_votes: true } });
  expect(accepted.status, accepted.body).toBe(200);
  expect(accepted.json<PollJson>().choices.map((c) => c.choice_text)).toEqual(["Asgard", "Midgard"]);
});

test("the API refuses duplicate choices, in a body and against the poll's own", async ({ polls }) => {
  const token = await thorAdminToken();
  const inBody = await api(THOR, "POST", "/api/polls", { token, json: { question: uniqueName("Dup?", "-"), choices: ["Yes", "Yes", "yes"] } });
  const error = expectApiError(inBody, 400, "validation_failed");
  expect(error.fields).toEqual({
    "choices.1": "Same as choice 1: each choice must differ (ignoring case)",
    "choices.2": "Same as choice 1: each choice must differ (ignoring case)",
  });

  const poll = await polls.create(THOR, token, ["Yes", "No"], uniqueName("Dup?", "-"));
  expectApiError(await api(THOR, "POST", `/api/polls/${poll.id}/choices`, { token, json: { choice_text: " YES" } }), 409, "duplicate_choice");
  expect(await choiceVotes(poll.id)).toEqual([["Yes", 0], ["No", 0]]);
});
