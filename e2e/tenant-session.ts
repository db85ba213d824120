// Helpers for the Polls e2e specs: unique names, signing in through the UI or over plain HTTP
// (next-auth's own credentials endpoint), and posting a page's server-action form directly.
import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { E2E_PORT, hostOf, request, setCookiePairs, splitCookiePair, type HttpResponse } from "./http";

export { E2E_ADMIN_PASSWORD } from "../playwright.config";
export const USER_PASSWORD = "voter-password-1";

/** A name no other test (or worker) uses: usernames and poll questions must not collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

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
  const cookie = await signInOverHttp(slug, username, password);
  const [name, value] = splitCookiePair(cookie);
  await context.addCookies([{ name, value, url: tenantOrigin(slug), httpOnly: true, sameSite: "Lax" }]);
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

/** Signs in through next-auth's credentials endpoint; returns the `name=value` session cookie. */
export async function signInOverHttp(slug: string, username: string, password: string): Promise<string> {
  const result = await attemptSignIn(slug, username, password);
  if (!result.sessionCookie) throw new Error(`sign-in as ${username} on ${slug} failed: ${result.response.status} ${result.response.headers.location}`);
  return result.sessionCookie;
}

export async function attemptSignIn(slug: string, username: string, password: string) {
  const host = hostOf(`${slug}.localhost`);
  const csrf = await request(host, "/api/auth/csrf");
  const csrfCookie = setCookiePairs(csrf.headers).join("; ");
  const response = await request(host, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: tenantOrigin(slug) },
    body: new URLSearchParams({ csrfToken: csrf.json<{ csrfToken: string }>().csrfToken, username, password }).toString(),
  });
  const sessionCookie = setCookiePairs(response.headers).find((c) => c.startsWith("next-auth.session-token="));
  return { response, sessionCookie };
}

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
