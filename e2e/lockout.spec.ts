// The account-wide sign-in lock is no denial of service (decision 015): a flood of wrong passwords from
// other addresses locks the account for unknown browsers, not for one that signed in to it before; an
// admin sees the lock and lifts it. JavaScript is off: the forms must work as plain posts.
import { type Browser, type Page } from "@playwright/test";
import { USER_PASSWORD, fillLogIn, hiddenFields, postActionForm, signInContext, tenantUrl } from "./tenant-session";
import { test, expect, api, E2E_ADMIN_PASSWORD, signIn, tenantHost, THOR, uniqueName } from "./fixtures";

test.use({ javaScriptEnabled: false });

const FLOOD = 60;

async function signInPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

/** Wrong passwords for `username` through the JSON API, each from an address of its own. */
async function flood(username: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < FLOOD; i++) {
    const response = await api(THOR, "POST", "/api/login", {
      json: { username, password: `guess-${i}` },
      headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
    });
    statuses.push(response.status);
  }
  return statuses;
}

test("a flood from other addresses does not lock out the owner's browser; a fresh one stays locked until an admin unlocks", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const username = uniqueName("owner", "-");
  const created = await api(THOR, "POST", "/api/users", { json: { username, password: USER_PASSWORD } });
  expect(created.status, created.body).toBe(201);

  // The owner signs in once in this browser, then signs out: it now holds a device cookie for the account.
  await page.goto(tenantUrl("thor", "/login"));
  await fillLogIn(page, username, USER_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toHaveText(`Signed in as ${username}`);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);

  const statuses = await flood(username);
  expect(statuses.filter((s) => s === 400)).toHaveLength(50); // wrong passwords, checked
  expect(statuses.slice(50).every((s) => s === 429)).toBe(true); // then the account is locked

  // The owner's browser still signs in.
  await page.goto(tenantUrl("thor", "/login"));
  await fillLogIn(page, username, USER_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toHaveText(`Signed in as ${username}`);

  // A browser that never signed in to the account is locked out, even with the right password.
  const fresh = await signInPage(browser);
  await fresh.goto(tenantUrl("thor", "/login"));
  await fillLogIn(fresh, username, USER_PASSWORD);
  await expect(fresh.getByRole("form", { name: "Log in" }).getByRole("alert")).toHaveText(/^Too many failed sign-in attempts\. Try again in 1[45] minutes\.$/);
  await expect(fresh.getByTestId("signed-in-user")).toHaveCount(0);

  // The tenant's admin sees the lock and lifts it, without JavaScript.
  const admin = await signInPage(browser);
  await signInContext(admin.context(), "thor", "admin", E2E_ADMIN_PASSWORD);
  await admin.goto(tenantUrl("thor", `/admin/users?q=${username}`));
  const row = admin.getByTestId(`user-${username}`);
  await expect(row.getByText("Locked", { exact: true })).toBeVisible();
  await expect(admin.getByTestId("user-admin")).toHaveCount(0); // the search shows only the owner
  await row.getByRole("button", { name: `Unlock ${username}` }).click();
  await expect(admin.getByRole("status")).toHaveText(`Unlocked ${username}: sign-ins are checked again from any browser.`);
  await expect(admin.getByTestId(`user-${username}`).getByText("Locked", { exact: true })).toHaveCount(0);

  await fillLogIn(fresh, username, USER_PASSWORD);
  await expect(fresh.getByTestId("signed-in-user")).toHaveText(`Signed in as ${username}`);
});

test("the unlock action, posted by a voter, unlocks nothing", async ({ page }) => {
  const username = uniqueName("locked", "-");
  expect((await api(THOR, "POST", "/api/users", { json: { username, password: USER_PASSWORD } })).status).toBe(201);
  await flood(username);
  const voter = uniqueName("meddler", "-");
  expect((await api(THOR, "POST", "/api/users", { json: { username: voter, password: USER_PASSWORD } })).status).toBe(201);

  // The admin's page holds the unlock form; the voter replays it with their own session.
  await signInContext(page.context(), "thor", "admin", E2E_ADMIN_PASSWORD);
  await page.goto(tenantUrl("thor", `/admin/users?q=${username}`));
  const unlockForm = page.getByTestId(`user-${username}`).locator("form", { has: page.getByRole("button", { name: `Unlock ${username}` }) });
  const fields = (await hiddenFields(unlockForm)).filter(([name]) => name.startsWith("$ACTION"));
  expect(fields.length).toBeGreaterThan(0);
  const voterCookie = (await signIn(tenantHost("thor"), voter, USER_PASSWORD)).cookie;
  const replayed = await postActionForm("thor", "/admin/users", fields, { cookie: voterCookie });
  expect(replayed.status).toBeLessThan(500);

  const stillLocked = await api(THOR, "POST", "/api/login", { json: { username, password: USER_PASSWORD } });
  expect(stillLocked.status).toBe(429);
});
