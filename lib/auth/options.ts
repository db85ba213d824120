// next-auth (v4) for one tenant: credentials checked against that tenant's own users, a JWT that
// carries the tenant's slug, and a refusal of any token minted for another tenant.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { clientIp, loginThrottle, retryMessage } from "@/lib/auth/rate-limit";
import type { TenantContext } from "@/lib/tenancy/context";

export const loginSchema = z.object({
  username: z.string().trim().min(1, "Enter your username").max(200),
  password: z.string().min(1, "Enter your password").max(200),
});

// Verifying against a throwaway hash when the user does not exist keeps both answers equally slow.
const absentUserHash = hashPassword("absent-user-placeholder");

/** Checks a username and password against the tenant's users. */
export async function checkCredentials(ctx: TenantContext, input: unknown) {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await ctx.db.user.findUnique({
    where: { username: parsed.data.username },
    select: { id: true, username: true, role: true, passwordHash: true },
  });
  const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await absentUserHash));
  return user && valid ? { id: user.id, username: user.username, role: user.role } : null;
}

export function authOptionsFor(ctx: TenantContext): NextAuthOptions {
  const slug = ctx.tenant.slug;
  return {
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Username and password",
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const attempt = { tenant: slug, ip: clientIp(request?.headers), username: String(credentials?.username ?? "") };
          const limit = loginThrottle.check(attempt);
          // The message reaches the login form (next-auth passes a thrown error's message as `error`).
          if (!limit.allowed) throw new Error(retryMessage(limit.retryAfterMs));
          const user = await checkCredentials(ctx, credentials);
          if (!user) {
            loginThrottle.recordFailure(attempt);
            return null;
          }
          loginThrottle.recordSuccess(attempt);
          return { id: String(user.id), name: user.username, tenant: slug };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.tenant = (user as { tenant?: string }).tenant;
        // A token minted on another tenant's host is never a session here.
        if (token.tenant !== slug) throw new Error("Session token belongs to another tenant");
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { name: token.name, userId: Number(token.sub), tenant: token.tenant } };
      },
    },
  };
}
