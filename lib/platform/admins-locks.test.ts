// Platform accounts locked by failed sign-ins: listed for the platform admin, and unlocked by name.
import { afterAll, describe, expect, it } from "vitest";
import { ACCOUNT_FAILURE_LIMIT, throttledSignIn } from "@/lib/auth/rate-limit";
import { closePools } from "@/lib/db/pools";
import { createPlatformAdmin, lockedPlatformAdmins, unlockPlatformAdmin } from "@/lib/platform/admins";
import { PLATFORM_THROTTLE_KEY } from "@/lib/platform/throttle-key";
import { uniqueSlug } from "@/test/tenants";

describe("locked platform accounts", () => {
  afterAll(() => closePools());

  it("are listed once their account-wide budget is spent, and an unlock lets them sign in again", async () => {
    const [locked, fine] = [`ops_${uniqueSlug()}`, `ops_${uniqueSlug()}`];
    await createPlatformAdmin({ username: locked, password: "correct horse" });
    await createPlatformAdmin({ username: fine, password: "correct horse" });
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      await throttledSignIn({ tenant: PLATFORM_THROTTLE_KEY, ip: `203.0.113.${i}`, username: locked }, async () => null);
    }
    const listed = await lockedPlatformAdmins();
    expect(listed).toContain(locked);
    expect(listed).not.toContain(fine);

    expect(await unlockPlatformAdmin(locked)).toBe(true);
    expect(await lockedPlatformAdmins()).not.toContain(locked);
    const again = await throttledSignIn({ tenant: PLATFORM_THROTTLE_KEY, ip: "198.51.100.1", username: locked }, async () => ({ id: 1 }));
    expect(again.ok).toBe(true);
    expect(await unlockPlatformAdmin("nobody-at-all")).toBe(false);
  });
});
