// Who is signed in on this tenant. The JWT says which user and which tenant; the role is read fresh
// from the tenant's database on every request, so a demoted or deleted user loses access at once.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { authOptionsFor } from "@/lib/auth/options";
import { toRole, type Role } from "@/lib/auth/users";
import type { TenantContext } from "@/lib/tenancy/context";

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

/** The signed-in admin; anyone else gets the login page (signed out) or a 404 (signed in). */
export async function requireAdmin(ctx: TenantContext, returnTo: string): Promise<CurrentUser> {
  const user = await requireUser(ctx, returnTo);
  if (user.role !== "admin") notFound();
  return user;
}
