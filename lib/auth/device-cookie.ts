// OWASP's "device cookie" (decision 015): a browser that once signed in to an account carries a signed
// note of it, and keeps a small failure budget of its own while that account is locked for everyone else.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** How long a browser stays trusted for an account after its last successful sign-in. */
export const DEVICE_COOKIE_MAX_AGE_S = 90 * 24 * 60 * 60;

const claimsSchema = z.strictObject({
  tenant: z.string().min(1).max(100),
  username: z.string().min(1).max(200),
  device: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  expires: z.number().int(),
});
export type DeviceClaims = z.infer<typeof claimsSchema>;

/** One cookie per account, so several people sharing a browser each keep their own. */
export function deviceCookieName(tenant: string, username: string): string {
  const account = createHash("sha256").update(JSON.stringify([tenant, username])).digest("base64url").slice(0, 16);
  return `polls-device-${account}`;
}

function signature(payload: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`device-cookie:${payload}`).digest();
}

/** A new cookie value naming this account and a fresh device id, signed with the app's secret. */
export function issueDeviceCookie(tenant: string, username: string, secret: string, now = Date.now()): string {
  const claims: DeviceClaims = {
    tenant,
    username,
    device: randomBytes(16).toString("base64url"),
    expires: now + DEVICE_COOKIE_MAX_AGE_S * 1000,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${signature(payload, secret).toString("base64url")}`;
}

/** The device id of a genuine, unexpired cookie for exactly this account, else null. */
export function trustedDevice(value: string | undefined, tenant: string, username: string, secret: string, now = Date.now()): string | null {
  const [payload, mac, extra] = (value ?? "").split(".");
  if (!payload || !mac || extra !== undefined) return null;
  const expected = signature(payload, secret);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims;
  try {
    claims = claimsSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  if (!claims.success) return null;
  const { data } = claims;
  return data.tenant === tenant && data.username === username && data.expires > now ? data.device : null;
}
