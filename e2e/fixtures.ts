// The e2e suite's one toolkit: unique names, signing in over plain HTTP, and Playwright fixtures that make
// what a test needs (accounts, polls, a fresh tenant) and remove it after the test, passed or failed.
//   import { expect, test } from "./fixtures";
//   test("…", async ({ accounts, polls, freshTenant }) => { const owner = await accounts.signUp(THOR, "owner"); … });
import { randomBytes } from "node:crypto";
import { test as base, expect } from "@playwright/test";
import pg from "pg";
import { E2E_ADMIN_PASSWORD } from "../playwright.config";
import { runCli } from "../test/cli";
import { appDatabaseEnv } from "./database";
import { E2E_PORT, hostOf, request, setCookiePairs, splitCookiePair, type HttpResponse } from "./http";

export { expect, E2E_ADMIN_PASSWORD };

export const SESSION_COOKIE = "next-auth.session-token";
export const THOR = hostOf("thor.localhost");
export const POTTER = hostOf("potter.localhost");

/**
 * A name no other test (or worker) uses: usernames, poll questions, slugs. `separator` "" makes a plain
 * DNS label of a lowercase prefix (a host's slug has no `_`).
 */
export function uniqueName(prefix: string, separator: "_" | "-" | "" = "_"): string {
  return `${prefix}${separator}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

/** The host (with the e2e port) of a tenant's subdomain. */
export function tenantHost(slug: string): string {
  return hostOf(`${slug}.localhost`);
}

// ---- signing in over plain HTTP (next-auth's csrf + credentials callback)

export type SignInAttempt = {
  response: HttpResponse;
  /** The session cookie's value, when the sign-in succeeded. */
  token?: string;
  /** `next-auth.session-token=<value>`, ready for a Cookie header. */
  cookie?: string;
};

/** One sign-in on `host` (a tenant's or the root domain's), successful or not. */
export async function attemptSignIn(host: string, username: string, password: string, headers: Record<string, string> = {}): Promise<SignInAttempt> {
  const csrf = await request(host, "/api/auth/csrf", { headers });
  if (csrf.status !== 200) throw new Error(`GET ${host}/api/auth/csrf: ${csrf.status}`);
  const response = await request(host, "/api/auth/callback/credentials", {
    method: "POST",
    headers: {
      ...headers,
      "content-type": "application/x-www-form-urlencoded",
      cookie: setCookiePairs(csrf.headers).join("; "),
      origin: `http://${host}`,
    },
    body: new URLSearchParams({ csrfToken: csrf.json<{ csrfToken: string }>().csrfToken, username, password }).toString(),
  });
  const cookie = setCookiePairs(response.headers).find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  return { response, cookie, token: cookie && splitCookiePair(cookie)[1] };
}

/** Signs in on `host`; throws unless next-auth set a session cookie. */
export async function signIn(host: string, username: string, password: string, headers: Record<string, string> = {}) {
  const { response, token, cookie } = await attemptSignIn(host, username, password, headers);
  if (!token || !cookie) throw new Error(`no session cookie from ${host} for ${username} (status ${response.status} ${response.headers.location ?? ""})`);
  return { token, cookie };
}

// ---- fixtures

export type ApiUser = { id: number; username: string; password: string; token: string };

export type PollJson = {
  id: number;
  question: string;
  created_by: number;
  pub_date: string;
  choices: { id: number; choice_text: string; votes: number }[];
};

export type FreshTenant = { slug: string; host: string; origin: string; admin: { username: string; password: string } };

type Fixtures = {
  /** Voters signed up through the JSON API (and logged in); removed, with their polls and votes, after the test. */
  accounts: { signUp(host: string, prefix?: string): Promise<ApiUser> };
  /** Polls created through the JSON API; removed after the test. */
  polls: { create(host: string, token: string, choices?: string[], question?: string): Promise<PollJson> };
  /** A tenant of its own, made with the tenants CLI, with an `admin` (E2E_ADMIN_PASSWORD); deleted after the test. */
  freshTenant: FreshTenant;
};

export const test = base.extend<Fixtures>({
  accounts: async ({}, provide) => {
    const made: { host: string; id: number }[] = [];
    await provide({
      signUp: async (host, prefix = "user") => {
        const user = await signUpOverApi(host, prefix);
        made.push({ host, id: user.id });
        return user;
      },
    });
    await deleteRows("User", made);
  },

  polls: async ({}, provide) => {
    const made: { host: string; id: number }[] = [];
    await provide({
      create: async (host, token, choices, question) => {
        const poll = await createPollOverApi(host, token, choices, question);
        made.push({ host, id: poll.id });
        return poll;
      },
    });
    await deleteRows("Poll", made);
  },

  freshTenant: async ({}, provide) => {
    const slug = uniqueName("z", "");
    const env = appDatabaseEnv();
    const created = await runCli("tenants", ["create", slug, "--name", `Tenant ${slug}`], env);
    expect(created.code, created.stderr).toBe(0);
    const admin = { username: "admin", password: E2E_ADMIN_PASSWORD };
    const superuser = await runCli("tenants", ["exec", slug, "--", "createsuperuser", "--username", admin.username, "--password", admin.password], env);
    expect(superuser.code, superuser.stderr).toBe(0);
    await provide({ slug, host: tenantHost(slug), origin: `http://${slug}.localhost:${E2E_PORT}`, admin });
    // The test may have deleted it already (that is what some tests are about).
    const deleted = await runCli("tenants", ["delete", slug, "--force"], env);
    if (deleted.code !== 0 && !/no tenant/.test(deleted.stderr)) throw new Error(`deleting ${slug}: ${deleted.stderr.trim()}`);
  },
});

// ---- what the fixtures are made of: the JSON API, and SQL behind the app's back for the clean-up

export type ApiCall = {
  token?: string;
  /** Serialised as the JSON body (with its content type). */
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
};

export function api(host: string, method: string, path: string, { token, json, body, headers = {} }: ApiCall = {}) {
  const allHeaders: Record<string, string> = { ...headers };
  if (token) allHeaders.authorization ??= `Token ${token}`;
  if (json !== undefined) allHeaders["content-type"] ??= "application/json";
  const payload = json !== undefined ? JSON.stringify(json) : body;
  // Node frames a DELETE body only when told its length (it does not chunk DELETEs by default).
  if (payload !== undefined && !allHeaders["transfer-encoding"]) allHeaders["content-length"] ??= String(Buffer.byteLength(payload));
  return request(host, path, { method, headers: allHeaders, body: payload });
}

/** An API token for these credentials. */
export async function login(host: string, username: string, password: string): Promise<string> {
  const response = await api(host, "POST", "/api/login", { json: { username, password } });
  expect(response.status, response.body).toBe(200);
  return response.json<{ token: string }>().token;
}

/** A new voter, signed up and logged in through the API; nothing removes it (tests use `accounts`). */
export async function signUpOverApi(host: string, prefix = "user"): Promise<ApiUser> {
  const username = uniqueName(prefix);
  const password = `pw-${randomBytes(6).toString("hex")}`;
  const response = await api(host, "POST", "/api/users", { json: { username, email: `${username}@example.com`, password } });
  expect(response.status, response.body).toBe(201);
  const { id } = response.json<{ id: number }>();
  return { id, username, password, token: await login(host, username, password) };
}

/** A poll made through the API; nothing removes it (tests use `polls`). */
export async function createPollOverApi(host: string, token: string, choices = ["Yes", "No"], question = uniqueName("Question")) {
  const response = await api(host, "POST", "/api/polls", { token, json: { question, choices } });
  expect(response.status, response.body).toBe(201);
  return response.json<PollJson>();
}

/** Deletes rows a fixture made, in each host's tenant schema (cascading to what hangs off them). */
async function deleteRows(table: "User" | "Poll", rows: { host: string; id: number }[]): Promise<void> {
  if (rows.length === 0) return;
  const client = new pg.Client({ connectionString: appDatabaseEnv().DIRECT_URL });
  await client.connect();
  try {
    for (const { host, id } of rows) {
      const slug = host.split(".")[0];
      if (!/^[a-z][a-z0-9_]*$/.test(slug)) throw new Error(`not a tenant host: ${host}`);
      await client.query(`DELETE FROM "${slug}"."${table}" WHERE id = $1`, [id]);
    }
  } finally {
    await client.end();
  }
}

/** The response is the API's JSON error with this status (and code, when given). */
export function expectApiError(response: HttpResponse, status: number, code?: string) {
  expect(response.status, response.body).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  const { error } = response.json<{ error: { code: string; message: string } }>();
  expect(typeof error.message).toBe("string");
  if (code) expect(error.code).toBe(code);
  return error as { code: string; message: string; fields?: Record<string, string> };
}

/** The `user` next-auth reports for a session cookie's value on `host` (undefined when it is no session there). */
export async function sessionUserOn(host: string, sessionToken: string): Promise<Record<string, unknown> | undefined> {
  const response = await request(host, "/api/auth/session", { headers: { cookie: `${SESSION_COOKIE}=${sessionToken}` } });
  if (response.status !== 200) throw new Error(`GET ${host}/api/auth/session: ${response.status}`);
  return response.json<{ user?: Record<string, unknown> }>().user;
}
