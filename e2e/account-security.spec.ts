// An admin disables an account, enables it again, and gives it a new password. Disabling ends the account's
// browser sessions and API tokens at the very next request, and it can no longer sign in by form or API;
// a new password ends the old sessions and tokens too. An admin can disable neither themselves nor the
// last admin. Driven through the browser with JavaScript on and off, and over the API.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { api, E2E_ADMIN_PASSWORD, login, THOR, uniqueName } from "./fixtures";
import { fillLogIn, signUpInBrowser, tenantUrl, USER_PASSWORD } from "./tenant-session";

async function adminPage(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(tenantUrl("thor", "/login"));
  await fillLogIn(page, "admin", E2E_ADMIN_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toContainText("admin");
  return page;
}

async function userRow(page: Page, username: string) {
  await page.goto(tenantUrl("thor", `/admin/users?q=${username}`));
  return page.getByTestId(`user-${username}`);
}

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? "on" : "off"}`, () => {
    // Two browsers, a sign-up, API logins and several admin round trips each: longer than one page's test.
    test.slow();
    test("disabling ends the user's session and token at once and stops every sign-in; enabling lets them sign in again", async ({ browser }) => {
      const username = uniqueName("victim", "-");
      const userContext = await browser.newContext();
      const userPage = await userContext.newPage();
      await signUpInBrowser(userPage, "thor", username);
      const token = await login(THOR, username, USER_PASSWORD);
      expect((await api(THOR, "GET", "/api/polls", { token })).status).toBe(200);

      const admin = await adminPage(browser, javaScript);
      let row = await userRow(admin, username);
      await row.getByRole("button", { name: `Disable ${username}` }).click();
      await expect(row.getByRole("status")).toContainText(`Disabled ${username}`);
      await expect((await userRow(admin, username)).getByText("Disabled", { exact: true })).toBeVisible();

      // The open session: its next page is signed out; its token is refused; no way back in.
      await userPage.reload();
      await expect(userPage.getByTestId("signed-in-user")).toHaveCount(0);
      expect((await api(THOR, "GET", "/api/polls", { token })).status).toBe(401);
      expect((await api(THOR, "POST", "/api/login", { json: { username, password: USER_PASSWORD } })).status).toBe(400);
      await userPage.goto(tenantUrl("thor", "/login"));
      await fillLogIn(userPage, username, USER_PASSWORD);
      await expect(userPage.getByRole("alert").filter({ hasText: "Wrong username or password." })).toBeVisible();

      row = await userRow(admin, username);
      await row.getByRole("button", { name: `Enable ${username}` }).click();
      await expect(row.getByRole("status")).toContainText(`Enabled ${username}`);
      // The old token stays revoked; signing in works again.
      expect((await api(THOR, "GET", "/api/polls", { token })).status).toBe(401);
      expect((await api(THOR, "POST", "/api/login", { json: { username, password: USER_PASSWORD } })).status).toBe(200);
      await userPage.goto(tenantUrl("thor", "/login"));
      await fillLogIn(userPage, username, USER_PASSWORD);
      await expect(userPage.getByTestId("signed-in-user")).toContainText(username);
      await userContext.close();
      await admin.context().close();
    });

    test("a new password set by an admin ends the old sessions and tokens; a short one is refused beside the field", async ({ browser }) => {
      const username = uniqueName("forgetful", "-");
      const userContext = await browser.newContext();
      const userPage = await userContext.newPage();
      await signUpInBrowser(userPage, "thor", username);
      const token = await login(THOR, username, USER_PASSWORD);

      const admin = await adminPage(browser, javaScript);
      let row = await userRow(admin, username);
      await row.getByText(`Set password`).click();
      await row.getByLabel(`New password for ${username}`).fill("short");
      await row.getByRole("button", { name: `Set new password for ${username}` }).click();
      row = admin.getByTestId(`user-${username}`);
      await expect(row.locator(`[id="password-${username}-error"]`)).toHaveText(/at least 8/);
      expect((await api(THOR, "GET", "/api/polls", { token })).status).toBe(200);

      // The refusal keeps the password form open (the details element is drawn open).
      await expect(row.locator("details")).toHaveAttribute("open", "");
      await row.getByLabel(`New password for ${username}`).fill("brand-new-password");
      await row.getByRole("button", { name: `Set new password for ${username}` }).click();
      await expect(admin.getByTestId(`user-${username}`).getByRole("status")).toContainText(`New password set for ${username}`);

      await userPage.reload();
      await expect(userPage.getByTestId("signed-in-user")).toHaveCount(0);
      expect((await api(THOR, "GET", "/api/polls", { token })).status).toBe(401);
      expect((await api(THOR, "POST", "/api/login", { json: { username, password: USER_PASSWORD } })).status).toBe(400);
      expect((await api(THOR, "POST", "/api/login", { json: { username, password: "brand-new-password" } })).status).toBe(200);
      await userContext.close();
      await admin.context().close();
    });
  });
}

test("an admin's own row has no disable or password control (the rule itself: lib/auth/account-admin.test.ts)", async ({ browser }) => {
  const admin = await adminPage(browser, true);
  const row = await userRow(admin, "admin");
  await expect(row.getByRole("button", { name: /Disable/ })).toHaveCount(0);
  await expect(row.getByText("Set password")).toHaveCount(0);
  expect((await api(THOR, "POST", "/api/login", { json: { username: "admin", password: E2E_ADMIN_PASSWORD } })).status).toBe(200);
  await admin.context().close();
});
