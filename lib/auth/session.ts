// Who is signed in on this tenant. The JWT says which user and which tenant; the role is read fresh
// from the tenant's database on every request, so a demoted or deleted user loses access at once.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { signInBrowser } from "@/lib/auth/browser-session";
import { authOptionsFor, checkCredentials, TENANT_SESSION_MAX_AGE_S, tenantClaims } from "@/lib/auth/options";
import { toRole, type Role } from "@/lib/auth/users";
import type { TenantContext } from "@/lib/tenancy/next";

export type CurrentUser = { id: number; username: string; role: Role };

export const getCurrentUser = cache(async (ctx: TenantContext): Promise<CurrentUser | null> => {
  let session;
  try {
    session = await getServerSession(authOptionsFor(ctx));
  } catch {
    return null;
  }
  // A foreign or broken token can yield `{}`: only a user of this tenant counts.
  const claims = session?.user as { userId?: number; tenant?: string; tenantId?: number } | undefined;
  if (!claims || claims.tenant !== ctx.tenant.slug || claims.tenantId !== ctx.tenant.id) return null;
  if (!Number.isInteger(claims.userId)) return null;
  const user = await ctx.db.user.findUnique({
    where: { id: claims.userId },
    select: { id: true, username: true, role: true },
  });
  return user ? { ...user, role: toRole(user.role) } : null;
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
