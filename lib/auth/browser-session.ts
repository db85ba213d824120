// Signing a browser in and out from a server action (decision 014): the same next-auth JWT cookie that
// next-auth's own endpoints set, written by our code, so a plain HTML form post signs in without
// JavaScript. The action also leaves a device cookie (decision 015) for the account it signed in to.
import "server-only";
import { cookies, headers } from "next/headers";
import { encode, type JWT } from "next-auth/jwt";
import { DEVICE_COOKIE_MAX_AGE_S, deviceCookieName, issueDeviceCookie, trustedDevice } from "@/lib/auth/device-cookie";
import { clientIp, retryMessage, throttledSignIn } from "@/lib/auth/rate-limit";
import { requestProtocol } from "@/lib/tenancy";

/** next-auth v4's session cookie; browsers only accept the `__Secure-` name over https. */
const SESSION_COOKIE = "next-auth.session-token";

export type PasswordSignIn<U extends { username: string }> = {
  /** The throttle's namespace: a tenant's slug, or the platform's own key. */
  realm: string;
  /** Already normalised (see normalizeUsername). */
  username: string;
  check: () => Promise<U | null>;
  claims: (user: U) => JWT;
  maxAgeSeconds: number;
};

export type BrowserSignInResult = { ok: true } | { ok: false; message: string };

function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return secret;
}

/** Checks the password under the throttle and, when it is right, sets the session and device cookies. */
export async function signInBrowser<U extends { username: string }>(attempt: PasswordSignIn<U>): Promise<BrowserSignInResult> {
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
  const secret = authSecret();
  const deviceCookie = deviceCookieName(attempt.realm, attempt.username);
  const device = trustedDevice(jar.get(deviceCookie)?.value, attempt.realm, attempt.username, secret);
  const result = await throttledSignIn(
    { tenant: attempt.realm, ip: clientIp(Object.fromEntries(requestHeaders)), username: attempt.username, device },
    attempt.check,
  );
  if (!result.ok) {
    return { ok: false, message: result.retryAfterMs === undefined ? "Wrong username or password." : retryMessage(result.retryAfterMs) };
  }
  // Host-only (no Domain attribute), like next-auth's own: a tenant's cookies never reach another host.
  const secure = requestProtocol(requestHeaders) === "https";
  const options = { httpOnly: true, sameSite: "lax", path: "/", secure } as const;
  const token = await encode({ token: attempt.claims(result.user), secret, maxAge: attempt.maxAgeSeconds });
  jar.set(secure ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE, token, { ...options, maxAge: attempt.maxAgeSeconds });
  jar.set(deviceCookie, issueDeviceCookie(attempt.realm, attempt.username, secret), { ...options, maxAge: DEVICE_COOKIE_MAX_AGE_S });
  return { ok: true };
}

/** Ends the browser's session on this host; its device cookies stay (they grant nothing but a budget). */
export async function signOutBrowser(): Promise<void> {
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
  const secure = requestProtocol(requestHeaders) === "https";
  jar.delete({ name: secure ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE, path: "/", secure, httpOnly: true, sameSite: "lax" });
}
