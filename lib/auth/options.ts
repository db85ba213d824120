// next-auth (v4) for one tenant: credentials checked against that tenant's own users, a JWT that
// carries the tenant's slug and id, and a refusal of any token minted for another tenant.
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { SIGN_IN_FIELD_MAX } from "@/lib/auth/limits";
import { verifyAccountPassword } from "@/lib/auth/password";
import { normalizeUsername } from "@/lib/auth/users";
import { clientIp, retryMessage, throttledSignIn } from "@/lib/auth/rate-limit";
import type { TenantContext } from "@/lib/tenancy/next";

export const loginSchema = z.object({
  username: z.string().trim().min(1, "Enter your username").max(SIGN_IN_FIELD_MAX).transform(normalizeUsername),
  password: z.string().min(1, "Enter your password").max(SIGN_IN_FIELD_MAX),
});

export const TENANT_SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

/**
 * What a tenant session's JWT holds: next-auth's `name` and `sub`, the tenant it belongs to, and the
 * account's session version (`sv`): an admin raising it (disable, new password) ends the session.
 */
export function tenantClaims(ctx: TenantContext, user: { id: number; username: string; sessionVersion: number }): JWT {
  return { name: user.username, sub: String(user.id), tenant: ctx.tenant.slug, tenantId: ctx.tenant.id, sv: user.sessionVersion };
}

/** Checks a username and password against the tenant's users; a disabled account never signs in. */
export async function checkCredentials(ctx: TenantContext, input: unknown) {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await ctx.db.user.findUnique({
    where: { username: parsed.data.username },
    select: { id: true, username: true, role: true, passwordHash: true, disabledAt: true, sessionVersion: true },
  });
  const valid = await verifyAccountPassword(parsed.data.password, user?.passwordHash);
  if (!user || !valid || user.disabledAt) return null;
  return { id: user.id, username: user.username, role: user.role, sessionVersion: user.sessionVersion };
}

/**
 * next-auth's logger, minus the stack trace it prints for every refused token: a cookie replayed on
 * another tenant's host is an expected refusal (one line), not a server error.
 */
export const authLogger: NextAuthOptions["logger"] = {
  error(code, metadata) {
    if (code === "JWT_SESSION_ERROR") console.warn(`[auth] session token refused: ${(metadata as Error)?.message ?? code}`);
    else console.error(`[auth] ${code}`, metadata);
  },
  warn(code) {
    console.warn(`[auth] ${code}`);
  },
  debug() {},
};

export function authOptionsFor(ctx: TenantContext): NextAuthOptions {
  const slug = ctx.tenant.slug;
  return {
    session: { strategy: "jwt", maxAge: TENANT_SESSION_MAX_AGE_S },
    pages: { signIn: "/login" },
    logger: authLogger,
    providers: [
      CredentialsProvider({
        name: "Username and password",
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const attempt = { tenant: slug, ip: clientIp(request?.headers), username: String(credentials?.username ?? "") };
          const result = await throttledSignIn(attempt, () => checkCredentials(ctx, credentials));
          // The message reaches the login form (next-auth passes a thrown error's message as `error`).
          if (!result.ok && result.retryAfterMs !== undefined) throw new Error(retryMessage(result.retryAfterMs));
          if (!result.ok) return null;
          const { user } = result;
          return { id: String(user.id), name: user.username, tenant: slug, tenantId: ctx.tenant.id, sv: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const claims = user as { tenant?: string; tenantId?: number; sv?: number };
          token.tenant = claims.tenant;
          token.tenantId = claims.tenantId;
          token.sv = claims.sv;
        }
        // A token minted on another tenant's host is never a session here; nor is one minted for an
        // earlier tenant that had this slug (deleted or renamed away): ids are never reused.
        if (token.tenant !== slug || token.tenantId !== ctx.tenant.id) throw new Error("Session token belongs to another tenant");
        return token;
      },
      session({ session, token }) {
        return {
          ...session,
          user: { name: token.name, userId: Number(token.sub), tenant: token.tenant, tenantId: token.tenantId, sv: token.sv, exp: token.exp },
        };
      },
    },
  };
}
