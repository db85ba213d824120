// next-auth (v4) for the platform on the root domain: credentials checked against public."PlatformAdmin",
// a JWT that carries `platform: true` and no tenant, and a refusal of every other token. Tenant tokens
// are signed with the same secret, so the claim — not the signature — is what keeps them out.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { authLogger, loginSchema } from "@/lib/auth/options";
import { clientIp, retryMessage, throttledSignIn } from "@/lib/auth/rate-limit";
import { checkPlatformAdmin } from "@/lib/platform/admins";
import { PLATFORM_THROTTLE_KEY } from "@/lib/platform/throttle-key";

export const PLATFORM_LOGIN_PATH = "/admin/login";

export { PLATFORM_THROTTLE_KEY };

/** Only a path on this site under /admin; anything else (other hosts, `//evil`) goes to the tenants page. */
export function safePlatformReturnPath(value: unknown): string {
  const path = safeCallbackPath(value, "/admin");
  return /^\/admin(\/|\?|$)/.test(path) ? path : "/admin";
}

export const PLATFORM_SESSION_MAX_AGE_S = 12 * 60 * 60;

/** What a platform session's JWT holds: the admin, and the claim no tenant token carries. */
export function platformClaims(admin: { id: number; username: string }): JWT {
  return { name: admin.username, sub: String(admin.id), platform: true };
}

/** A platform token: minted here, never for a tenant. */
export function isPlatformToken(token: JWT): boolean {
  return token.platform === true && token.tenant === undefined && /^\d+$/.test(String(token.sub ?? ""));
}

export const platformAuthOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: PLATFORM_SESSION_MAX_AGE_S },
  logger: authLogger,
  pages: { signIn: PLATFORM_LOGIN_PATH },
  providers: [
    CredentialsProvider({
      name: "Platform admin",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        // The platform's own budget, apart from every tenant's: the most privileged accounts of all.
        const attempt = { tenant: PLATFORM_THROTTLE_KEY, ip: clientIp(request?.headers), username: parsed.data.username };
        const result = await throttledSignIn(attempt, () => checkPlatformAdmin(parsed.data.username, parsed.data.password));
        if (!result.ok && result.retryAfterMs !== undefined) throw new Error(retryMessage(result.retryAfterMs));
        return result.ok ? { id: String(result.user.id), name: result.user.username } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.platform = true;
      // A tenant's token (or any token without the claim) is never a platform session.
      if (!isPlatformToken(token)) throw new Error("Not a platform session token");
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { name: token.name, adminId: Number(token.sub), platform: true } };
    },
  },
};
