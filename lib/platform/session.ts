// Who is signed in on the platform. Only requests to the root domain count, and the
// admin is read fresh from public."PlatformAdmin" on every request, so a removed admin loses access at once.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { publicDb } from "@/lib/db/public-db";
import { env } from "@/lib/env";
import { signInBrowser } from "@/lib/auth/browser-session";
import { checkPlatformAdmin } from "@/lib/platform/admins";
import {
  PLATFORM_LOGIN_PATH,
  PLATFORM_SESSION_MAX_AGE_S,
  PLATFORM_THROTTLE_KEY,
  platformAuthOptions,
  platformClaims,
} from "@/lib/platform/auth-options";
import { requestProtocol, tenantOrigin, siteOf } from "@/lib/tenancy";

export type PlatformAdminUser = { id: number; username: string };

/** The root domain's host (with its port) when this request came to it, else null (a tenant's host, say). */
async function platformHost(): Promise<string | null> {
  const site = await siteOf(await headers());
  return site?.kind === "platform" ? site.host : null;
}

/** Links to tenants' sites as seen from this platform request: `https://thor.<root>:<port>` on https. */
export async function tenantOrigins(): Promise<(slug: string) => string> {
  const protocol = requestProtocol(await headers()); // first: reading headers makes the page dynamic
  const { ROOT_DOMAIN } = env();
  const host = (await platformHost()) ?? ROOT_DOMAIN;
  return (slug) => tenantOrigin(slug, ROOT_DOMAIN, host, protocol);
}

/** True when this request came to the root domain (never for a tenant host). */
export async function isPlatformRequest(): Promise<boolean> {
  return (await platformHost()) !== null;
}

export const getPlatformAdmin = cache(async (): Promise<PlatformAdminUser | null> => {
  if (!(await isPlatformRequest())) return null;
  let session;
  try {
    session = await getServerSession(platformAuthOptions);
  } catch {
    return null;
  }
  // A refused token can still yield `{}`: only the platform claim counts.
  const claims = session?.user as { adminId?: number; platform?: boolean } | undefined;
  if (claims?.platform !== true || !Number.isInteger(claims.adminId)) return null;
  return publicDb().platformAdmin.findUnique({ where: { id: claims.adminId }, select: { id: true, username: true } });
});

/** The signed-in platform admin, or the platform login page (which comes back to `returnTo`). */
export async function requirePlatformAdmin(returnTo: string): Promise<PlatformAdminUser> {
  const admin = await getPlatformAdmin();
  if (!admin) redirect(`${PLATFORM_LOGIN_PATH}?callbackUrl=${encodeURIComponent(returnTo)}`);
  return admin;
}

/** Signs this browser in as a platform admin (root domain only), setting its cookies. */
export async function signInToPlatform(credentials: { username: string; password: string }) {
  if (!(await isPlatformRequest())) return { ok: false as const, message: "Platform sign-in is only on the platform's own address." };
  return signInBrowser({
    realm: PLATFORM_THROTTLE_KEY,
    username: credentials.username,
    check: () => checkPlatformAdmin(credentials.username, credentials.password),
    claims: platformClaims,
    maxAgeSeconds: PLATFORM_SESSION_MAX_AGE_S,
  });
}
