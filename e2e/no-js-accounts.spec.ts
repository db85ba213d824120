// Every account form as a plain HTML form post: JavaScript is off in every page of this file, so a
// control that waits for hydration, or a form that only works through fetch, fails here.
import { type Browser, type Page } from "@playwright/test";
import { PLATFORM_ORIGIN, PLATFORM_ADMIN } from "./platform";
import { USER_PASSWORD, createPollInBrowser, fillLogIn, fillSignUp, signInContext, tenantUrl } from "./tenant-session";
import { test, expect, api, E2E_ADMIN_PASSWORD, expectApiError, THOR, uniqueName } from "./fixtures";

test.use({ javaScriptEnabled: false });

const signedInUser = (page: Page) => page.getByTestId("signed-in-user");

/** A fresh poll on thor, made by the admin with JavaScript on (the poll form's own tests cover it). */
async function freshPoll(browser: Browser): Promise<{ id: number; question: string }> {
  const admin = await browser.newContext({ javaScriptEnabled: true });
  await signInContext(admin, "thor", "admin", E2E_ADMIN_PASSWORD);
  const question = uniqueName("No-script poll?", "-");
  const id = await createPollInBrowser(await admin.newPage(), "thor", question, ["Tea", "Coffee"]);
  await admin.close();
  return { id, question };
}

test("sign up (and be signed in), sign out, sign in, vote and see the results, sign out", async ({ page, browser }) => {
  const poll = await freshPoll(browser);
  const username = uniqueName("plain", "-");

  await page.goto(tenantUrl("thor", `/signup?callbackUrl=${encodeURIComponent(`/polls/${poll.id}`)}`));
  await fillSignUp(page, username);
  await expect(page).toHaveURL(tenantUrl("thor", `/polls/${poll.id}`));
  await expect(signedInUser(page)).toHaveText(`Signed in as ${username}`);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(signedInUser(page)).toHaveCount(0);

  await page.goto(tenantUrl("thor", "/login"));
  await fillLogIn(page, username, "not the password");
  await expect(page.getByRole("form", { name: "Log in" }).getByRole("alert")).toHaveText("Wrong username or password.");
  await expect(page.getByLabel("Username")).toHaveValue(username);
  await fillLogIn(page, username, USER_PASSWORD);
  await expect(signedInUser(page)).toHaveText(`Signed in as ${username}`);

  await page.goto(tenantUrl("thor", `/polls/${poll.id}`));
  await page.getByLabel("Coffee").check();
  await page.getByRole("button", { name: "Vote" }).click();
  await expect(page.getByRole("status")).toContainText("You voted for Coffee");
  await expect(page.getByTestId("result-row").filter({ hasText: "Coffee" }).getByTestId("percent")).toHaveText("100%");
  await expect(page.getByTestId("total-votes")).toHaveText("1 vote");

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(signedInUser(page)).toHaveCount(0);
});

test("ADMIN beside admin is refused at sign-up (form and API); signing in as ADMIN signs in as admin", async ({ page }) => {
  await page.goto(tenantUrl("thor", "/signup"));
  await fillSignUp(page, "ADMIN");
  await expect(page.locator("#username-error")).toHaveText("That username is taken");
  await expect(signedInUser(page)).toHaveCount(0);

  const viaApi = await api(THOR, "POST", "/api/users", { json: { username: "Admin", password: "long enough" } });
  expect(expectApiError(viaApi, 409, "conflict").fields).toEqual({ username: expect.any(String) });

  // A look-alike (Cyrillic а) is refused with a field error, not made into a second "admin".
  await fillSignUp(page, "\u0430dmin");
  await expect(page.locator("#username-error")).toContainText("plain letters a–z");

  await page.goto(tenantUrl("thor", "/login"));
  await fillLogIn(page, "ADMIN", E2E_ADMIN_PASSWORD);
  await expect(signedInUser(page)).toHaveText("Signed in as admin");
});

test("the admin changes a user's role", async ({ page }) => {
  const username = uniqueName("promoted", "-");
  const created = await api(THOR, "POST", "/api/users", { json: { username, password: USER_PASSWORD } });
  expect(created.status, created.body).toBe(201);

  await page.goto(tenantUrl("thor", "/login?callbackUrl=%2Fadmin%2Fusers"));
  await fillLogIn(page, "admin", E2E_ADMIN_PASSWORD);
  await page.goto(tenantUrl("thor", `/admin/users?q=${username}`));
  const row = page.getByTestId(`user-${username}`);
  await row.getByLabel(`Role of ${username}`).selectOption("admin");
  await row.getByRole("button", { name: `Save role of ${username}` }).click();
  await expect(page.getByTestId(`user-${username}`).getByRole("status")).toHaveText("Saved: now admin.");
  await page.goto(tenantUrl("thor", `/admin/users?q=${username}`));
  await expect(page.getByTestId(`user-${username}`).getByLabel(`Role of ${username}`)).toHaveValue("admin");
});

test("the platform admin signs in, creates a tenant, deletes it with the typed confirmation, signs out", async ({ page }) => {
  const slug = uniqueName("z", "");
  await page.goto(`${PLATFORM_ORIGIN}/admin/login`);
  await page.getByLabel("Username", { exact: true }).fill(PLATFORM_ADMIN.username);
  await page.getByLabel("Password", { exact: true }).fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong username or password.");
  await page.getByLabel("Password", { exact: true }).fill(PLATFORM_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${PLATFORM_ORIGIN}/admin`);

  await page.getByLabel("Name", { exact: true }).fill(`Plain ${slug}`);
  await page.getByLabel("Slug", { exact: true }).fill(slug);
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByRole("status")).toContainText(`Created Plain ${slug}`);

  await page.goto(`${PLATFORM_ORIGIN}/admin`);
  await page.getByRole("link", { name: `Delete ${slug}` }).click();
  await page.getByLabel(`Type ${slug} to confirm`).fill("not it");
  await page.getByRole("button", { name: "Delete tenant" }).click();
  await expect(page.locator("#confirmation-error")).toHaveText(`Type ${slug} exactly to confirm`);
  await page.getByLabel(`Type ${slug} to confirm`).fill(slug);
  await page.getByRole("button", { name: "Delete tenant" }).click();
  await expect(page).toHaveURL(`${PLATFORM_ORIGIN}/admin?deleted=${slug}`);
  await expect(page.locator(`tr[data-slug="${slug}"]`)).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${PLATFORM_ORIGIN}/admin/login`);
  await page.goto(`${PLATFORM_ORIGIN}/admin`);
  await expect(page).toHaveURL(/\/admin\/login\?callbackUrl=%2Fadmin$/);
});
