// Helpers for the Polls e2e specs: signing up and in through the UI (or putting an HTTP sign-in into a
// browser context), and posting a page's server-action form directly. Unique names and sign-ins over
// HTTP are in fixtures.ts.
import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { SESSION_COOKIE, signIn, tenantHost } from "./fixtures";
import { E2E_PORT, hostOf, request, type HttpResponse } from "./http";

export const USER_PASSWORD = "voter-password-1";

export function tenantOrigin(slug: string): string {
  return `http://${slug}.localhost:${E2E_PORT}`;
}

export function tenantUrl(slug: string, path = "/"): string {
  return `${tenantOrigin(slug)}${path}`;
}

// ---- the browser

export async function signUpInBrowser(page: Page, slug: string, username: string, password = USER_PASSWORD) {
  await page.goto(tenantUrl(slug, "/signup"));
  await fillSignUp(page, username, password);
  await expect(page.getByTestId("signed-in-user")).toHaveText(`Signed in as ${username}`);
}

export async function fillSignUp(page: Page, username: string, password = USER_PASSWORD) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function fillLogIn(page: Page, username: string, password: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** Puts a session made over HTTP into a browser context (host-only, like the real cookie). */
export async function signInContext(context: BrowserContext, slug: string, username: string, password: string) {
  const { token } = await signIn(tenantHost(slug), username, password);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: tenantOrigin(slug), httpOnly: true, sameSite: "Lax" }]);
}

/** Creates a poll through the admin UI (the page must be signed in as an admin); returns its id. */
export async function createPollInBrowser(page: Page, slug: string, question: string, choices: string[], options: { resultsBeforeVoting?: boolean } = {}): Promise<number> {
  await page.goto(tenantUrl(slug, "/admin/polls/new"));
  await page.getByLabel("Question").fill(question);
  await setChoices(page, choices);
  if (options.resultsBeforeVoting) await page.getByLabel(/Show results before voting/).check();
  await page.getByRole("button", { name: "Create poll" }).click();
  await expect(page.getByText("Poll created.")).toBeVisible();
  const id = Number(new URL(page.url()).pathname.match(/^\/admin\/polls\/(\d+)$/)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/** Makes the poll form's choice rows hold exactly `choices`. */
export async function setChoices(page: Page, choices: string[]) {
  const inputs = page.locator('input[name="choiceText"]');
  while ((await inputs.count()) < choices.length) await page.getByRole("button", { name: "+ Add a choice" }).click();
  while ((await inputs.count()) > choices.length) await page.getByRole("button", { name: /^Remove/ }).last().click();
  for (const [i, text] of choices.entries()) await inputs.nth(i).fill(text);
}

/** The hidden fields React renders into a server-action form (action id, encrypted bound args). */
export async function hiddenFields(form: Locator): Promise<[string, string][]> {
  return form.locator('input[type="hidden"]').evaluateAll((inputs) =>
    inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value] as [string, string]),
  );
}

// ---- plain HTTP

/**
 * Posts a server-action form as a browser with JavaScript off would: multipart, no Next-Action
 * header, the page's hidden action fields plus `fields`.
 */
export async function postActionForm(
  slug: string,
  path: string,
  fields: [string, string][],
  options: { cookie?: string; origin?: string } = {},
): Promise<HttpResponse> {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  const encoded = new Request("http://encoder.invalid/", { method: "POST", body: form });
  const body = Buffer.from(await encoded.arrayBuffer()).toString("utf8");
  return request(hostOf(`${slug}.localhost`), path, {
    method: "POST",
    body,
    headers: {
      "content-type": encoded.headers.get("content-type")!,
      origin: options.origin ?? tenantOrigin(slug),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
  });
}

export function get(slug: string, path: string, cookie?: string): Promise<HttpResponse> {
  return request(hostOf(`${slug}.localhost`), path, cookie ? { headers: { cookie } } : {});
}

/** Runs `task` over `items` with at most `limit` in flight (the server hashes a password per sign-up). */
export async function inBatches<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
