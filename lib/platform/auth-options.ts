// next-auth (v4) for the platform on the root domain: credentials checked against public."PlatformAdmin",
// a JWT that carries `platform: true` and no tenant, and a refusal of every other token. Tenant tokens
// are signed with the same secret, so the claim — not the signature — is what keeps them out.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { loginSchema } from "@/lib/auth/options";
import { checkPlatformAdmin } from "@/lib/platform/admins";

export const PLATFORM_LOGIN_PATH = "/admin/login";

/** A platform token: minted here, never for a tenant. */
export function isPlatformToken(token: JWT): boolean {
  return token.platform === true && token.tenant === undefined && /^\d+$/.test(String(token.sub ?? ""));
}

export const platformAuthOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: PLATFORM_LOGIN_PATH },
  providers: [
    CredentialsProvider({
      name: "Platform admin",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const admin = await checkPlatformAdmin(parsed.data.username, parsed.data.password);
        return admin ? { id: String(admin.id), name: admin.username } : null;
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
