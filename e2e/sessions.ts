// Signing in over plain HTTP (next-auth's csrf + credentials callback) to get a session cookie for a
// host, so a test can replay that cookie on another host.
import type { IncomingHttpHeaders } from "node:http";
import { request, setCookiePairs, splitCookiePair } from "./http";

export const SESSION_COOKIE = "next-auth.session-token";

/** The value of the session cookie next-auth sets on `host` for these credentials. */
export async function signInOverHttp(host: string, username: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const csrf = await request(host, "/api/auth/csrf", { headers });
  if (csrf.status !== 200) throw new Error(`GET ${host}/api/auth/csrf: ${csrf.status}`);
  const { csrfToken } = csrf.json<{ csrfToken: string }>();
  const response = await request(host, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf.headers) },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }).toString(),
  });
  const session = setCookies(response.headers).get(SESSION_COOKIE);
  if (!session) throw new Error(`no session cookie from ${host} (status ${response.status})`);
  return session;
}

/** The `user` next-auth reports for a session cookie on `host` (undefined when it is no session there). */
export async function sessionUserOn(host: string, sessionToken: string): Promise<Record<string, unknown> | undefined> {
  const response = await request(host, "/api/auth/session", { headers: { cookie: `${SESSION_COOKIE}=${sessionToken}` } });
  if (response.status !== 200) throw new Error(`GET ${host}/api/auth/session: ${response.status}`);
  return response.json<{ user?: Record<string, unknown> }>().user;
}

function setCookies(headers: IncomingHttpHeaders): Map<string, string> {
  return new Map(setCookiePairs(headers).map(splitCookiePair));
}

function cookieHeader(headers: IncomingHttpHeaders): string {
  return [...setCookies(headers)].map(([name, value]) => `${name}=${value}`).join("; ");
}
