import { USER_PASSWORD, fillLogIn, get, signUpInBrowser, tenantOrigin, tenantUrl } from "./tenant-session";
import { test, expect, attemptSignIn, E2E_ADMIN_PASSWORD, signIn, tenantHost, uniqueName } from "./fixtures";

test("a session cookie from thor replayed on potter is not a login there", async ({ page }) => {
  const cookie = (await signIn(tenantHost("thor"), "admin", E2E_ADMIN_PASSWORD)).cookie;

  // The same cookie is a login on thor (so the replay below is a fair test)...
  const thorAdmin = await get("thor", "/admin", cookie);
  expect(thorAdmin.status).toBe(200);
  expect(thorAdmin.body).toContain("Signed in as");

  // ...and nothing on potter, where an `admin` with the same password exists too.
  const potterHome = await get("potter", "/", cookie);
  expect(potterHome.status).toBe(200);
  expect(potterHome.body).not.toContain("Signed in as");
  expect(potterHome.body).toContain(">Log in<");
  const potterAdmin = await get("potter", "/admin", cookie);
  expect(potterAdmin.status).toBe(307);
  expect(potterAdmin.headers.location).toBe("/login?callbackUrl=%2Fadmin");
  const potterSession = await get("potter", "/api/auth/session", cookie);
  expect(potterSession.json()).toEqual({});

  // The same in a browser: the cookie set on potter's host does not sign anyone in.
  const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
  await page.context().addCookies([{ name, value, url: tenantOrigin("potter") }]);
  await page.goto(tenantUrl("potter", "/"));
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
});

test("a potter user cannot log in on thor with potter's password", async ({ page }) => {
  const username = uniqueName("potter-user", "-");
  await signUpInBrowser(page, "potter", username);
  expect((await attemptSignIn(tenantHost("potter"), username, USER_PASSWORD)).cookie).toBeTruthy();

  await page.goto(tenantUrl("thor", "/login"));
  await fillLogIn(page, username, USER_PASSWORD);
  await expect(page.getByRole("form", { name: "Log in" }).getByRole("alert")).toHaveText("Wrong username or password.");
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
  expect((await attemptSignIn(tenantHost("thor"), username, USER_PASSWORD)).cookie).toBeUndefined();
});

test("log in from a poll comes back to it; log out signs out on this host only", async ({ page }) => {
  const username = uniqueName("returner", "-");
  await signUpInBrowser(page, "thor", username);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto(tenantUrl("thor", "/polls/1"));
  await page.getByRole("link", { name: "Log in to vote" }).click();
  await expect(page).toHaveURL(tenantUrl("thor", "/login?callbackUrl=%2Fpolls%2F1"));
  await fillLogIn(page, username, USER_PASSWORD);
  await expect(page).toHaveURL(tenantUrl("thor", "/polls/1"));
  await expect(page.getByTestId("signed-in-user")).toHaveText(`Signed in as ${username}`);
  await expect(page.getByRole("button", { name: "Vote" })).toBeVisible();
});

test("a callbackUrl to another host is ignored after log in", async ({ page }) => {
  const username = uniqueName("redirected", "-");
  await signUpInBrowser(page, "thor", username);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto(tenantUrl("thor", `/login?callbackUrl=${encodeURIComponent(tenantUrl("potter", "/"))}`));
  await fillLogIn(page, username, USER_PASSWORD);
  await expect(page).toHaveURL(tenantUrl("thor", "/"));
  await expect(page.getByRole("heading", { name: "Latest polls" })).toBeVisible();
});

test("sign-up shows field errors and keeps the username unique", async ({ page }) => {
  const username = uniqueName("taken", "-");
  await signUpInBrowser(page, "thor", username);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto(tenantUrl("thor", "/signup"));
  await page.getByLabel("Username").fill("ab");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#username-error")).toHaveText("Username must be at least 3 characters");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Password must be at least 8 characters");

  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Username")).toHaveAccessibleDescription("That username is taken");
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
});

test("ten failed log-ins for one username lock it out on this tenant, with a clear message", async ({ page }) => {
  const username = uniqueName("target", "-");
  await signUpInBrowser(page, "thor", username);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto(tenantUrl("thor", "/login"));
  const alert = page.getByRole("form", { name: "Log in" }).getByRole("alert");
  for (let i = 0; i < 10; i++) {
    await fillLogIn(page, username, `wrong-${i}`);
    await expect(alert).toHaveText("Wrong username or password.");
    await expect(page.getByRole("button", { name: "Log in" })).toBeEnabled();
  }
  // Now even the right password is refused from this browser, and the form says why.
  await fillLogIn(page, username, USER_PASSWORD);
  await expect(alert).toHaveText(
    /Too many failed sign-in attempts\. Try again in 1[45] minutes\./,
  );
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);

  // Other accounts, and the same username on another tenant, are not affected.
  expect((await attemptSignIn(tenantHost("thor"), "admin", E2E_ADMIN_PASSWORD)).cookie).toBeTruthy();
  expect((await attemptSignIn(tenantHost("potter"), username, USER_PASSWORD)).response.headers.location).toContain("error=CredentialsSignin");
});
