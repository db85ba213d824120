// A signed-in voter on an admin page: a 403 "Admins only" page with ways back, not a 404; the JSON
// API's admin-or-creator operations answer 403 JSON.
import { fillLogIn, fillSignUp, get, tenantUrl, USER_PASSWORD } from "./tenant-session";
import { test, expect, api, E2E_ADMIN_PASSWORD, expectApiError, login, signIn, tenantHost, THOR, uniqueName } from "./fixtures";

test("a voter at /admin gets a 403 'Admins only' page with a way home and a way to sign in as someone else", async ({ page }) => {
  const username = uniqueName("nosy", "-");
  await page.goto(tenantUrl("thor", "/signup"));
  await fillSignUp(page, username);
  await expect(page.getByTestId("signed-in-user")).toHaveText(`Signed in as ${username}`);

  for (const path of ["/admin", "/admin/users", "/admin/polls/new"]) {
    const response = await page.goto(tenantUrl("thor", path));
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "Back to the polls" })).toHaveAttribute("href", "/");
  await page.getByRole("button", { name: "Sign in as another user" }).click();
  await expect(page).toHaveURL(tenantUrl("thor", "/login?callbackUrl=%2Fadmin"));
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
  await fillLogIn(page, "admin", E2E_ADMIN_PASSWORD);
  await expect(page).toHaveURL(tenantUrl("thor", "/admin"));
  await expect(page.getByRole("heading", { name: "Polls", level: 1 })).toBeVisible();

  // Over plain HTTP too: the status is the page's, whoever renders it.
  const voterCookie = (await signIn(tenantHost("thor"), username, USER_PASSWORD)).cookie;
  expect((await get("thor", "/admin/users", voterCookie)).status).toBe(403);
});

test("the API's admin-or-creator operations answer a voter with 403 JSON", async ({ polls, accounts }) => {
  const admin = await login(THOR, "admin", E2E_ADMIN_PASSWORD);
  const poll = await polls.create(THOR, admin);
  const voter = await accounts.signUp(THOR, "apivoter");
  const path = `/api/polls/${poll.id}`;
  expectApiError(await api(THOR, "PATCH", path, { token: voter.token, json: { question: "Mine now" } }), 403, "forbidden");
  expectApiError(await api(THOR, "DELETE", path, { token: voter.token }), 403, "forbidden");
  expectApiError(await api(THOR, "POST", `${path}/choices`, { token: voter.token, json: { choice_text: "Mauve" } }), 403, "forbidden");
  expect((await api(THOR, "GET", path)).json<{ question: string }>().question).toBe(poll.question);
});
