import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { authOptionsFor } from "@/lib/auth/options";
import { isPlatformToken, platformAuthOptions } from "@/lib/platform/auth-options";
import type { TenantContext } from "@/lib/tenancy/next";

type JwtCallback = (params: { token: JWT; user?: unknown }) => JWT | Promise<JWT>;
const platformJwt = platformAuthOptions.callbacks!.jwt as unknown as JwtCallback;
const thorJwt = authOptionsFor({ tenant: { id: 1, slug: "thor", name: "Thor", databaseUrl: null } } as TenantContext).callbacks!
  .jwt as unknown as JwtCallback;

describe("platform session tokens", () => {
  it("are minted with the platform claim and no tenant", async () => {
    const token = await platformJwt({ token: { sub: "7", name: "admin" }, user: { id: "7", name: "admin" } });
    expect(token).toMatchObject({ sub: "7", platform: true });
    expect(token.tenant).toBeUndefined();
    expect(isPlatformToken(token)).toBe(true);
    // and stay valid on later requests
    expect(await platformJwt({ token })).toEqual(token);
  });

  it.each([
    ["a thor token", { sub: "1", name: "admin", tenant: "thor" }],
    ["a token claiming both", { sub: "1", name: "admin", tenant: "thor", platform: true }],
    ["a token without the claim", { sub: "1", name: "admin" }],
    ["a claim that is not exactly true", { sub: "1", name: "admin", platform: "true" }],
    ["a token without a subject", { name: "admin", platform: true }],
  ])("refuse %s on the platform", async (_label, token) => {
    await expect(async () => platformJwt({ token: token as JWT })).rejects.toThrow(/platform/);
  });

  it("are refused on a tenant host", async () => {
    const platformToken = await platformJwt({ token: { sub: "1", name: "admin" }, user: { id: "1", name: "admin" } });
    await expect(async () => thorJwt({ token: platformToken })).rejects.toThrow(/another tenant/);
  });
});
