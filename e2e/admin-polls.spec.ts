import { type Page } from "@playwright/test";
import { USER_PASSWORD, createPollInBrowser, get, hiddenFields, postActionForm, setChoices, signInContext, signUpInBrowser, tenantOrigin, tenantUrl } from "./tenant-session";
import { test, expect, E2E_ADMIN_PASSWORD, signIn, tenantHost, uniqueName } from "./fixtures";

/** Whether the tenant's polls list links a poll with this question (searching for it). */
async function pollListed(slug: string, question: string): Promise<boolean> {
  const page = await get(slug, `/?q=${encodeURIComponent(question)}`);
  expect(page.status).toBe(200);
  return page.body.includes(`>${question}</a>`);
}

/** The server-action fields of the admin's new-poll form (read while signed in as thor's admin). */
async function newPollActionFields(page: Page): Promise<[string, string][]> {
  await signInContext(page.context(), "thor", "admin", E2E_ADMIN_PASSWORD);
  await page.goto(tenantUrl("thor", "/admin/polls/new"));
  const fields = await hiddenFields(page.getByRole("form", { name: "Poll" }));
  return fields.filter(([name]) => name.startsWith("$ACTION"));
}

function pollFields(question: string, choices: string[]): [string, string][] {
  return [["question", question], ...choices.flatMap((c): [string, string][] => [["choiceId", ""], ["choiceText", c]])];
}

test.beforeEach(async ({ page }) => {
  await signInContext(page.context(), "thor", "admin", E2E_ADMIN_PASSWORD);
});

test("thor's admin creates a poll with three choices; it appears on thor and never on potter", async ({ page }) => {
  const question = uniqueName("Thor-only poll?", "-");
  const id = await createPollInBrowser(page, "thor", question, ["Hammer", "Axe", "Lightning"]);
  // The action's redirect lands on thor's admin page, on thor's host.
  await expect(page).toHaveURL(tenantUrl("thor", `/admin/polls/${id}?saved=created`));
  await expect(page.getByRole("heading", { name: "Edit poll" })).toBeVisible();

  await page.goto(tenantUrl("thor", "/admin"));
  await expect(page.getByRole("link", { name: question, exact: true })).toBeVisible();
  await page.goto(tenantUrl("thor", "/"));
  await page.getByRole("link", { name: question, exact: true }).click();
  await expect(page.getByTestId("result-row")).toHaveText([/Hammer/, /Axe/, /Lightning/]);

  expect(await pollListed("thor", question)).toBe(true);
  expect(await pollListed("potter", question)).toBe(false);
  const potterCookie = (await signIn(tenantHost("potter"), "admin", E2E_ADMIN_PASSWORD)).cookie;
  const potterAdmin = await get("potter", "/admin", potterCookie);
  expect(potterAdmin.status).toBe(200);
  expect(potterAdmin.body).not.toContain(question);
  const potterPoll = await get("potter", `/polls/${id}`, potterCookie);
  expect(potterPoll.body).not.toContain(question);
});

test("the admin edits a poll's choices (rename, remove, add) and deletes the poll", async ({ page }) => {
  const question = uniqueName("Editable?", "-");
  const id = await createPollInBrowser(page, "thor", question, ["One", "Two", "Three"]);

  const renamed = `${question} (edited)`;
  await page.getByLabel("Question").fill(renamed);
  await page.getByLabel("Choice 1", { exact: true }).fill("Uno");
  await page.getByRole("button", { name: "Remove choice 2" }).click();
  await page.getByRole("button", { name: "+ Add a choice" }).click();
  await page.locator('input[name="choiceText"]').last().fill("Four");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  const values = page.locator('input[name="choiceText"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(await values).toEqual(["Uno", "Three", "Four", ""]); // and room for one more

  await page.goto(tenantUrl("thor", `/polls/${id}`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(renamed);
  await expect(page.getByTestId("result-row")).toHaveText([/Uno/, /Three/, /Four/]);

  await page.goto(tenantUrl("thor", `/admin/polls/${id}`));
  await page.getByRole("link", { name: "Delete poll" }).click();
  await expect(page.getByRole("heading", { name: `Delete “${renamed}”?` })).toBeVisible();
  await page.getByRole("button", { name: "Delete the poll and its 0 votes" }).click();
  await expect(page).toHaveURL(tenantUrl("thor", "/admin?deleted=1"));
  await expect(page.getByText("Poll deleted.")).toBeVisible();
  expect(await pollListed("thor", renamed)).toBe(false);
  const gone = await page.goto(tenantUrl("thor", `/polls/${id}`));
  expect(gone?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
});

test("invalid form input shows field errors beside the fields and saves nothing", async ({ page }) => {
  await page.goto(tenantUrl("thor", "/admin/polls/new"));
  const question = page.getByLabel("Question");
  const save = page.getByRole("button", { name: "Create poll" });

  // An empty question.
  await setChoices(page, ["Left", "Right"]);
  await save.click();
  await expect(question).toHaveAttribute("aria-invalid", "true");
  await expect(question).toHaveAccessibleDescription("Question is required");
  await expect(page.getByRole("form", { name: "Poll" }).getByRole("alert").first()).toContainText("Nothing was saved");
  await expect(page).toHaveURL(tenantUrl("thor", "/admin/polls/new"));

  // One choice only.
  const lonely = uniqueName("Lonely?", "-");
  await question.fill(lonely);
  // (The form never offers fewer than two rows: a single choice is one filled row and a blank one.)
  await setChoices(page, ["Only me", ""]);
  await save.click();
  await expect(page.locator("#choices-error")).toHaveText("Add at least two choices");
  await expect(page.getByRole("group", { name: "Choices" })).toHaveAccessibleDescription("Add at least two choices");
  await expect(question).toHaveValue(lonely); // what was typed is kept
  await expect(question).not.toHaveAttribute("aria-invalid", "true");
  // One summary, of this answer's errors only: the first refusal's is gone.
  const summaries = page.getByTestId("error-summary");
  await expect(summaries).toHaveCount(1);
  await expect(summaries).toContainText("Add at least two choices");
  await expect(summaries).not.toContainText("Question is required");

  // 10,000 characters in the question and in a choice, from a client that ignores the fields' maxlength.
  const huge = uniqueName("Huge?", "-") + "x".repeat(10_000);
  await expect(question).toHaveAttribute("maxlength", "200");
  await page.locator("input[maxlength]").evaluateAll((inputs) => inputs.forEach((input) => input.removeAttribute("maxlength")));
  await question.fill(huge);
  await setChoices(page, ["y".repeat(10_000), "Fine"]);
  await save.click();
  await expect(question).toHaveAccessibleDescription("Question must be at most 200 characters");
  await expect(page.locator('input[name="choiceText"]').first()).toHaveAccessibleDescription("Choice must be at most 100 characters");
  await expect(page).toHaveURL(tenantUrl("thor", "/admin/polls/new"));

  expect(await pollListed("thor", lonely)).toBe(false);
  const listed = await get("thor", `/?q=${encodeURIComponent(huge.slice(0, 30))}`);
  expect(listed.body).toContain("No polls match");
});

test("a non-admin cannot open /admin or call an admin server action", async ({ page, browser }) => {
  const createFields = await newPollActionFields(page);
  const voterName = uniqueName("sneaky", "-");
  const voterContext = await browser.newContext();
  const voterPage = await voterContext.newPage();
  await signUpInBrowser(voterPage, "thor", voterName);

  // The pages: a 403 "Admins only" for a signed-in voter, the login page for a visitor.
  for (const path of ["/admin", "/admin/polls/new", "/admin/users"]) {
    const response = await voterPage.goto(tenantUrl("thor", path));
    expect(response?.status()).toBe(403);
    await expect(voterPage.getByRole("heading", { name: "Admins only" })).toBeVisible();
  }
  await voterPage.getByRole("button", { name: "Log out" }).click();
  await expect(voterPage.getByRole("link", { name: "Log in" })).toBeVisible();
  await voterPage.goto(tenantUrl("thor", "/admin"));
  await expect(voterPage).toHaveURL(tenantUrl("thor", "/login?callbackUrl=%2Fadmin"));
  await voterContext.close();

  // The create action, posted directly as the voter and as nobody: no redirect to a new poll, nothing
  // saved. (The action runs before the page re-renders, so a missing check in it would have saved the poll.)
  const voterCookie = (await signIn(tenantHost("thor"), voterName, USER_PASSWORD)).cookie;
  const question = uniqueName("Forged poll?", "-");
  for (const cookie of [voterCookie, undefined]) {
    const response = await postActionForm("thor", "/admin/polls/new", [...createFields, ...pollFields(question, ["A", "B"])], { cookie });
    expect(response.status).not.toBe(303);
    expect(response.status).toBeLessThan(500);
  }
  expect(await pollListed("thor", question)).toBe(false);

  // The role action for the voter's own row, posted by the voter: still a voter afterwards.
  await page.goto(tenantUrl("thor", `/admin/users?q=${voterName}`));
  const roleForm = page.getByTestId(`user-${voterName}`).locator("form");
  const roleFields = (await hiddenFields(roleForm)).filter(([name]) => name.startsWith("$ACTION"));
  const promote = await postActionForm("thor", "/admin/users", [...roleFields, ["role", "admin"]], { cookie: voterCookie });
  expect(promote.status).toBeLessThan(500);
  expect((await get("thor", "/admin", voterCookie)).status).toBe(403);
  await page.reload();
  await expect(page.getByTestId(`user-${voterName}`).getByLabel(`Role of ${voterName}`)).toHaveValue("voter");

  // The same create post with the admin's cookie works, so the refusals above were the permission check.
  const adminCookie = (await signIn(tenantHost("thor"), "admin", E2E_ADMIN_PASSWORD)).cookie;
  const real = uniqueName("Real poll?", "-");
  const created = await postActionForm("thor", "/admin/polls/new", [...createFields, ...pollFields(real, ["A", "B"])], { cookie: adminCookie });
  expect(created.status).toBe(303);
  expect(created.headers.location).toMatch(/^\/admin\/polls\/\d+\?saved=created$/);
  expect(await pollListed("thor", real)).toBe(true);
});

test("an admin server action posted with a sibling tenant's Origin is refused", async ({ page }) => {
  const createFields = await newPollActionFields(page);
  const adminCookie = (await signIn(tenantHost("thor"), "admin", E2E_ADMIN_PASSWORD)).cookie;

  const forged = uniqueName("Cross-origin poll?", "-");
  const refused = await postActionForm("thor", "/admin/polls/new", [...createFields, ...pollFields(forged, ["A", "B"])], {
    cookie: adminCookie,
    origin: tenantOrigin("potter"),
  });
  expect(refused.status).toBe(403);
  expect(refused.headers.location).toBeUndefined();
  expect(await pollListed("thor", forged)).toBe(false);
  expect(await pollListed("potter", forged)).toBe(false);

  const sameOrigin = uniqueName("Same-origin poll?", "-");
  const accepted = await postActionForm("thor", "/admin/polls/new", [...createFields, ...pollFields(sameOrigin, ["A", "B"])], {
    cookie: adminCookie,
    origin: tenantOrigin("thor"),
  });
  expect(accepted.status).toBe(303);
  expect(await pollListed("thor", sameOrigin)).toBe(true);
});

test("the admin promotes a user to admin and back", async ({ page, browser }) => {
  const username = uniqueName("promoted", "-");
  const context = await browser.newContext();
  await signUpInBrowser(await context.newPage(), "thor", username);
  await context.close();

  await page.goto(tenantUrl("thor", "/admin/users"));
  await page.getByLabel("Search users").fill(username);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(`1 account matching “${username}”`)).toBeVisible();
  const row = page.getByTestId(`user-${username}`);
  await row.getByLabel(`Role of ${username}`).selectOption("admin");
  await row.getByRole("button", { name: `Save role of ${username}` }).click();
  await expect(row.getByRole("status")).toHaveText("Saved: now admin.");
  const cookie = (await signIn(tenantHost("thor"), username, USER_PASSWORD)).cookie;
  expect((await get("thor", "/admin", cookie)).status).toBe(200);

  await row.getByLabel(`Role of ${username}`).selectOption("voter");
  await row.getByRole("button", { name: `Save role of ${username}` }).click();
  await expect(row.getByRole("status")).toHaveText("Saved: now voter.");
  expect((await get("thor", "/admin", cookie)).status).toBe(403);
});

test("the last admin cannot be demoted", async ({ page }) => {
  // potter: no other test promotes anyone there, so `admin` is its only admin.
  await signInContext(page.context(), "potter", "admin", E2E_ADMIN_PASSWORD);
  await page.goto(tenantUrl("potter", "/admin/users?q=admin"));
  const row = page.getByTestId("user-admin");
  await row.getByLabel("Role of admin").selectOption("voter");
  await row.getByRole("button", { name: "Save role of admin" }).click();
  await expect(row.getByRole("alert")).toHaveText("This is the last admin: make someone else an admin first.");
  await page.reload();
  await expect(page.getByTestId("user-admin").getByLabel("Role of admin")).toHaveValue("admin");
  expect((await get("potter", "/admin", (await signIn(tenantHost("potter"), "admin", E2E_ADMIN_PASSWORD)).cookie)).status).toBe(200);
  await expect(page.getByRole("link", { name: "Admin", exact: true })).toBeVisible();
});

test("a users search that finds nobody says so and links back to every account", async ({ page }) => {
  const nobody = uniqueName("nobody");
  await page.goto(tenantUrl("thor", `/admin/users?q=${nobody}`));
  await expect(page.getByText(`0 accounts matching “${nobody}”`)).toBeVisible();
  await expect(page.getByText("No account matches")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await page.getByRole("link", { name: "Show every account" }).click();
  await expect(page).toHaveURL(tenantUrl("thor", "/admin/users"));
  await expect(page.getByTestId("user-admin")).toBeVisible();
});

test("a closing time in the past is refused beside its field; a poll closed now still takes edits and says no votes were cast", async ({ page }) => {
  const question = uniqueName("Closes when?", "-");
  await page.goto(tenantUrl("thor", "/admin/polls/new"));
  await page.getByLabel("Question").fill(question);
  // With another field wrong too, both are named at once.
  await setChoices(page, ["Soon", "soon"]);
  await page.getByLabel("Closes at (UTC)").fill("2020-01-01T10:00");
  await page.getByRole("button", { name: "Create poll" }).click();
  await expect(page.locator("#closesAt-error")).toHaveText("Closing time must be in the future");
  await expect(page.getByTestId("error-summary")).toContainText("Choice 2:");
  await setChoices(page, ["Soon", "Later"]);
  await page.getByRole("button", { name: "Create poll" }).click();
  await expect(page.locator("#closesAt-error")).toHaveText("Closing time must be in the future");
  await expect(page.getByTestId("error-summary")).not.toContainText("Choice 2:");
  await expect(page.getByText("Poll created.")).toHaveCount(0);
  expect(await pollListed("thor", question)).toBe(false);

  await page.getByLabel("Closes at (UTC)").fill("");
  await page.getByRole("button", { name: "Create poll" }).click();
  await expect(page.getByText("Poll created.")).toBeVisible();
  const id = Number(new URL(page.url()).pathname.split("/").at(-1));

  await page.getByRole("button", { name: "Close voting now" }).click();
  await expect(page.getByRole("button", { name: "Reopen voting" })).toBeVisible();
  await expect(page.getByTestId("no-votes")).toHaveText("No votes were cast.");
  // The form shows the past closing time; it is not being set, so a refused save does not name it…
  await page.getByLabel("Question").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#question-error")).toHaveText("Question is required");
  await expect(page.locator("#closesAt-error")).toHaveCount(0);
  // …and saving a new question leaves it as it is.
  await page.getByLabel("Question").fill(`${question} (renamed)`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(tenantUrl("thor", `/admin/polls/${id}?saved=updated`));
  await expect(page.getByRole("button", { name: "Reopen voting" })).toBeVisible();

  await page.goto(tenantUrl("thor", `/polls/${id}`));
  await expect(page.getByTestId("poll-status")).toContainText("Closed");
  await expect(page.getByTestId("no-votes")).toHaveText("No votes were cast.");
});
