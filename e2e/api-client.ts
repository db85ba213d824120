// Helpers for the JSON API specs: requests on a tenant host with a token or a session cookie,
// users made per test with unique names, and the error shape every failure must have.
import { randomBytes } from "node:crypto";
import { expect } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "../playwright.config";
import { hostOf, request, setCookiePairs, type HttpResponse } from "./http";

export const THOR = hostOf("thor.localhost");
export const POTTER = hostOf("potter.localhost");
/** Both seeded tenants have an `admin` with this password. */
export { E2E_ADMIN_PASSWORD };

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

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString("hex")}`;
}

export async function login(host: string, username: string, password: string): Promise<string> {
  const response = await api(host, "POST", "/api/login", { json: { username, password } });
  expect(response.status, response.body).toBe(200);
  return response.json<{ token: string }>().token;
}

export type ApiUser = { id: number; username: string; password: string; token: string };

/** A fresh voter on a tenant, signed up and logged in through the API. */
export async function signUp(host: string, prefix = "user"): Promise<ApiUser> {
  const username = uniqueName(prefix);
  const password = `pw-${randomBytes(6).toString("hex")}`;
  const response = await api(host, "POST", "/api/users", { json: { username, email: `${username}@example.com`, password } });
  expect(response.status, response.body).toBe(201);
  const { id } = response.json<{ id: number }>();
  return { id, username, password, token: await login(host, username, password) };
}

export type PollJson = {
  id: number;
  question: string;
  created_by: number;
  pub_date: string;
  choices: { id: number; choice_text: string; votes: number }[];
};

export async function createPoll(host: string, token: string, choices = ["Yes", "No"], question = uniqueName("Question")) {
  const response = await api(host, "POST", "/api/polls", { token, json: { question, choices } });
  expect(response.status, response.body).toBe(201);
  return response.json<PollJson>();
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

/** Signs in through next-auth's credentials endpoint and returns the session cookie for that host. */
export async function signInSession(host: string, username: string, password: string): Promise<string> {
  const csrf = await request(host, "/api/auth/csrf");
  const csrfCookies = setCookiePairs(csrf.headers).join("; ");
  const { csrfToken } = csrf.json<{ csrfToken: string }>();
  const form = new URLSearchParams({ csrfToken, username, password, json: "true" });
  const response = await request(host, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies },
    body: form.toString(),
  });
  const session = setCookiePairs(response.headers).join("; ");
  expect(session, response.body).toContain("next-auth.session-token=");
  return session;
}
