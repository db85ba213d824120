// Who is signed in on this tenant. The JWT says which user and which tenant; the account (role, disabled,
// session version) is read fresh from the tenant's database on every request, so a demoted, disabled or
// deleted user loses access at once.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { signInBrowser } from "@/lib/auth/browser-session";
import { authOptionsFor, checkCredentials, TENANT_SESSION_MAX_AGE_S, tenantClaims } from "@/lib/auth/options";
import { toRole, type Role } from "@/lib/auth/users";
import type { TenantDb } from "@/lib/tenancy";
import type { TenantContext } from "@/lib/tenancy/next";

export type CurrentUser = { id: number; username: string; role: Role };

/**
 * What a valid session token of this tenant says about its holder: the account, the account's session
 * version when it was issued (`sv`), and when it expires (seconds since the epoch). Kept by a response that
 * outlives its request (the results stream), which asks `sessionUser` again without the request's cookies.
 */
export type SessionClaims = { userId: number; sv: number; exp: number | null };

/** This request's session claims, or null (no cookie, a broken or foreign token, another tenant's). */
export const getSessionClaims = cache(async (ctx: TenantContext): Promise<SessionClaims | null> => {
  let session;
  try {
    session = await getServerSession(authOptionsFor(ctx));
  } catch {
    return null;
  }
  // A foreign or broken token can yield `{}`: only a user of this tenant counts.
  const claims = session?.user as { userId?: number; tenant?: string; tenantId?: number; sv?: number; exp?: number } | undefined;
  if (!claims || claims.tenant !== ctx.tenant.slug || claims.tenantId !== ctx.tenant.id) return null;
  if (!Number.isInteger(claims.userId)) return null;
  return { userId: claims.userId!, sv: claims.sv ?? 0, exp: typeof claims.exp === "number" ? claims.exp : null };
});

/**
 * The account a session's claims name, read fresh from the tenant's database: null once the account is
 * deleted or disabled, once an admin raised its session version past the token's (sign out everywhere),
 * or once the token has expired. The role is the account's now, so a demotion counts at once.
 */
export async function sessionUser(db: TenantDb, claims: SessionClaims, now = new Date()): Promise<CurrentUser | null> {
  if (claims.exp !== null && now.getTime() >= claims.exp * 1000) return null;
  const user = await db.user.findUnique({
    where: { id: claims.userId },
    select: { id: true, username: true, role: true, disabledAt: true, sessionVersion: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== claims.sv) return null;
  return { id: user.id, username: user.username, role: toRole(user.role) };
}

export const getCurrentUser = cache(async (ctx: TenantContext): Promise<CurrentUser | null> => {
  const claims = await getSessionClaims(ctx);
  return claims ? sessionUser(ctx.db, claims) : null;
});

/** The signed-in user, or a redirect to the login page that comes back to `returnTo`. */
export async function requireUser(ctx: TenantContext, returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser(ctx);
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** The signed-in admin; anyone else gets the login page (signed out) or the 403 "Admins only" page (signed in). */
export async function requireAdmin(ctx: TenantContext, returnTo: string): Promise<CurrentUser> {
  const user = await requireUser(ctx, returnTo);
  if (user.role !== "admin") forbidden();
  return user;
}

/** Signs this browser in to the tenant as `credentials.username` (normalised), setting its cookies. */
export function signInToTenant(ctx: TenantContext, credentials: { username: string; password: string }) {
  return signInBrowser({
    realm: ctx.tenant.slug,
    username: credentials.username,
    check: () => checkCredentials(ctx, credentials),
    claims: (user) => tenantClaims(ctx, user),
    maxAgeSeconds: TENANT_SESSION_MAX_AGE_S,
  });
}
