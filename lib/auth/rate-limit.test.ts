import { afterAll, describe, expect, it } from "vitest";
import { poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import {
  clientIp,
  lockedUsernames,
  LOGIN_WINDOW_MS,
  retryMessage,
  throttledSignIn,
  unlockAccount,
  type LoginAttempt,
} from "@/lib/auth/rate-limit";

// Every test signs in on a tenant name of its own, so their counts never meet; their rows go afterwards.
const tenants: string[] = [];
const tenant = () => {
  const name = `t${Math.random().toString(36).slice(2)}`;
  tenants.push(name);
  return name;
};
const wrongPassword = async () => null;
const rightPassword = async () => ({ id: 1 });
const db = () => poolFor(defaultServerUrl());

async function fail(attempt: LoginAttempt, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await throttledSignIn(attempt, wrongPassword);
}

/** Whether an attempt gets as far as the password check (rather than being refused by the throttle). */
async function reachesPasswordCheck(attempt: LoginAttempt): Promise<boolean> {
  let checked = false;
  await throttledSignIn(attempt, async () => {
    checked = true;
    return null;
  });
  return checked;
}

afterAll(() => db().query(`DELETE FROM public."SignInFailure" WHERE key LIKE ANY($1)`, [tenants.map((t) => `%"${t}"%`)]));

describe("throttledSignIn", () => {
  it("refuses a tenant + IP + username after 10 failures, not other IPs, users or tenants", async () => {
    const thor = tenant();
    const attempt = (ip: string, username = "alice", on = thor) => ({ tenant: on, ip, username });
    for (let i = 0; i < 10; i++) await throttledSignIn(attempt("10.0.0.1", i % 2 ? "Alice" : " alice "), wrongPassword);
    const refused = await throttledSignIn(attempt("10.0.0.1"), rightPassword);
    expect(refused.ok).toBe(false);
    expect(refused.ok === false && refused.retryAfterMs).toBeGreaterThan(LOGIN_WINDOW_MS - 60_000);
    expect(await reachesPasswordCheck(attempt("10.0.0.2"))).toBe(true);
    expect(await reachesPasswordCheck(attempt("10.0.0.1", "bob"))).toBe(true);
    expect(await reachesPasswordCheck(attempt("10.0.0.1", "alice", tenant()))).toBe(true);
  });

  it("refuses an account after 50 failures from any mix of IPs", async () => {
    const on = tenant();
    for (let i = 0; i < 50; i++) await fail({ tenant: on, ip: `203.0.113.${i}`, username: "alice" }, 1);
    expect(await reachesPasswordCheck({ tenant: on, ip: "198.51.100.1", username: "alice" })).toBe(false);
    expect(await reachesPasswordCheck({ tenant: on, ip: "198.51.100.1", username: "bob" })).toBe(true);
  });

  it("a success clears the client's count but not the account's", async () => {
    const on = tenant();
    const attempt = { tenant: on, ip: "10.0.0.1", username: "alice" };
    await fail(attempt, 9);
    expect(await throttledSignIn(attempt, rightPassword)).toEqual({ ok: true, user: { id: 1 } });
    await fail(attempt, 9);
    expect(await reachesPasswordCheck(attempt)).toBe(true); // 10th failure since the success
    await fail({ ...attempt, ip: "10.1.0.1" }, 1);
    for (let i = 0; i < 30; i++) await fail({ ...attempt, ip: `10.1.0.${i + 2}` }, 1);
    // 9 + 10 + 1 + 30 = 50 failures on the account: refused from any address.
    expect(await reachesPasswordCheck({ ...attempt, ip: "10.2.0.1" })).toBe(false);
  });

  it("counts parallel attempts before their passwords are checked, so a burst cannot slip past the limit", async () => {
    const attempt = { tenant: tenant(), ip: "192.0.2.1", username: "carol" };
    let checked = 0;
    const slowWrongPassword = async () => {
      checked++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return null;
    };
    const results = await Promise.all(Array.from({ length: 30 }, () => throttledSignIn(attempt, slowWrongPassword)));
    expect(checked).toBe(10);
    expect(results.filter((r) => !r.ok && r.retryAfterMs !== undefined)).toHaveLength(20);
  });

  it("takes back the advance count of an attempt that succeeds", async () => {
    const attempt = { tenant: tenant(), ip: "192.0.2.2", username: "dave" };
    for (let i = 0; i < 60; i++) expect(await throttledSignIn(attempt, rightPassword)).toEqual({ ok: true, user: { id: 1 } });
    const { rows } = await db().query(`SELECT count(*)::int AS n FROM public."SignInFailure" WHERE key LIKE $1`, [`%${attempt.tenant}%`]);
    expect(rows[0].n).toBe(0);
  });

  it("lets a locked key in again once its failures are older than the window", async () => {
    const attempt = { tenant: tenant(), ip: "192.0.2.3", username: "erin" };
    await fail(attempt, 10);
    expect(await reachesPasswordCheck(attempt)).toBe(false);
    // Age the failures: just inside the window they still count, just outside they do not.
    const age = (ms: number) =>
      db().query(`UPDATE public."SignInFailure" SET at = now() - $1 * interval '1 millisecond' WHERE key LIKE $2`, [ms, `%${attempt.tenant}%`]);
    await age(LOGIN_WINDOW_MS - 5_000);
    expect(await reachesPasswordCheck(attempt)).toBe(false);
    await age(LOGIN_WINDOW_MS + 1_000);
    expect(await reachesPasswordCheck(attempt)).toBe(true);
  });
});

describe("the account lock and trusted devices", () => {
  async function flood(on: string, username: string) {
    for (let i = 0; i < 60; i++) await fail({ tenant: on, ip: `203.0.113.${i}`, username }, 1);
  }

  it("keeps a trusted device signing in while a flood from other addresses locks the account", async () => {
    const on = tenant();
    await flood(on, "admin");
    expect(await reachesPasswordCheck({ tenant: on, ip: "198.51.100.9", username: "admin" })).toBe(false);
    const owner = { tenant: on, ip: "198.51.100.9", username: "admin", device: "owners-laptop" };
    expect(await throttledSignIn(owner, rightPassword)).toEqual({ ok: true, user: { id: 1 } });
  });

  it("gives each trusted device a budget of its own, not a way around guessing", async () => {
    const on = tenant();
    const stolen = { tenant: on, ip: "198.51.100.10", username: "admin", device: "stolen" };
    await fail(stolen, 10);
    expect(await reachesPasswordCheck(stolen)).toBe(false);
    expect(await reachesPasswordCheck({ ...stolen, device: "owners-laptop" })).toBe(true);
    // The device's failures never spend the account's budget for everyone else.
    expect(await reachesPasswordCheck({ tenant: on, ip: "198.51.100.10", username: "admin" })).toBe(true);
  });

  it("names the locked accounts, and an unlock lets any browser try again", async () => {
    const on = tenant();
    await flood(on, "admin");
    await fail({ tenant: on, ip: "198.51.100.11", username: "bob" }, 3);
    expect([...(await lockedUsernames(on, ["admin", "bob", "carol"]))]).toEqual(["admin"]);
    expect(await lockedUsernames(tenant(), ["admin"])).toEqual(new Set());

    await unlockAccount(on, "admin");
    expect(await lockedUsernames(on, ["admin"])).toEqual(new Set());
    expect(await reachesPasswordCheck({ tenant: on, ip: "203.0.113.1", username: "admin" })).toBe(true);
    // Only that account: bob's three failures are still counted.
    const { rows } = await db().query(`SELECT count(*)::int AS n FROM public."SignInFailure" WHERE key = $1`, [JSON.stringify(["account", on, "bob"])]);
    expect(rows[0].n).toBe(3);
  });
});

describe("login helpers", () => {
  it("take the last X-Forwarded-For address, the one the nearest proxy wrote", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" })).toBe("10.0.0.1");
    expect(clientIp({ "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
    expect(clientIp({})).toBe("unknown");
    expect(clientIp(undefined)).toBe("unknown");
  });

  it("say how long to wait", () => {
    expect(retryMessage(14.2 * 60_000)).toBe("Too many failed sign-in attempts. Try again in 15 minutes.");
    expect(retryMessage(5_000)).toBe("Too many failed sign-in attempts. Try again in 1 minute.");
  });
});
