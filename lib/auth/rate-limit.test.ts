import { describe, expect, it } from "vitest";
import { clientIp, throttledSignIn, createLoginThrottle, createRateLimiter, retryMessage } from "@/lib/auth/rate-limit";

describe("createRateLimiter", () => {
  it("refuses a key after `limit` failures inside the window, until the oldest ages out", () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 1000 });
    for (const t of [0, 100, 200]) {
      expect(limiter.check("k", t).allowed).toBe(true);
      limiter.recordFailure("k", t);
    }
    expect(limiter.check("k", 300)).toEqual({ allowed: false, retryAfterMs: 700 });
    expect(limiter.check("other", 300).allowed).toBe(true);
    expect(limiter.check("k", 1000).allowed).toBe(true); // the failure at t=0 has aged out
  });

  it("forgets a key on reset (a successful sign-in)", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 });
    limiter.recordFailure("k", 0);
    expect(limiter.check("k", 1).allowed).toBe(false);
    limiter.reset("k");
    expect(limiter.check("k", 2).allowed).toBe(true);
  });

  it("keeps at most maxKeys keys, dropping the oldest", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.recordFailure(`k${i}`, i);
    expect(limiter.size()).toBe(100);
    expect(limiter.check("k999", 1000).allowed).toBe(false);
    expect(limiter.check("k0", 1000).allowed).toBe(true);
  });

  it("never drops a locked key to make room while an unlocked one can go", () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 3; i++) limiter.recordFailure("victim", i);
    for (let i = 0; i < 10_000; i++) limiter.recordFailure(`flood${i}`, 10 + i);
    expect(limiter.size()).toBe(100);
    expect(limiter.check("victim", 20_000).allowed).toBe(false);
  });

  it("forgives one advance entry", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000 });
    limiter.recordFailure("k", 5);
    limiter.recordFailure("k", 6);
    expect(limiter.check("k", 7).allowed).toBe(false);
    limiter.forgive("k", 6);
    expect(limiter.check("k", 7).allowed).toBe(true);
  });
});

describe("createLoginThrottle", () => {
  const attempt = (ip: string, username = "alice", tenant = "thor") => ({ tenant, ip, username });

  it("refuses an IP + username after 10 failures, not other IPs, users or tenants", () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 10; i++) throttle.recordFailure(attempt("10.0.0.1", i % 2 ? "Alice" : " alice "));
    expect(throttle.check(attempt("10.0.0.1")).allowed).toBe(false);
    expect(throttle.check(attempt("10.0.0.2")).allowed).toBe(true);
    expect(throttle.check(attempt("10.0.0.1", "bob")).allowed).toBe(true);
    expect(throttle.check(attempt("10.0.0.1", "alice", "potter")).allowed).toBe(true);
  });

  it("refuses an account after 50 failures from any mix of IPs", () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 50; i++) throttle.recordFailure(attempt(`203.0.113.${i}`));
    expect(throttle.check(attempt("198.51.100.1")).allowed).toBe(false);
    expect(throttle.check(attempt("198.51.100.1", "bob")).allowed).toBe(true);
  });

  it("clears an IP's count on success but not the account's", () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 9; i++) throttle.recordFailure(attempt("10.0.0.1"));
    throttle.recordSuccess(attempt("10.0.0.1"));
    for (let i = 0; i < 9; i++) throttle.recordFailure(attempt("10.0.0.1"));
    expect(throttle.check(attempt("10.0.0.1")).allowed).toBe(true);
    for (let i = 0; i < 32; i++) throttle.recordFailure(attempt(`10.1.0.${i}`));
    expect(throttle.check(attempt("10.0.0.1")).allowed).toBe(false); // 50 on the account
  });
});

describe("throttledSignIn", () => {
  it("counts parallel attempts before their passwords are checked, so a burst cannot slip past the limit", async () => {
    const attempt = { tenant: `t${Math.random()}`, ip: "192.0.2.1", username: "carol" };
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
    const attempt = { tenant: `t${Math.random()}`, ip: "192.0.2.2", username: "dave" };
    for (let i = 0; i < 60; i++) expect(await throttledSignIn(attempt, async () => ({ id: 1 }))).toEqual({ ok: true, user: { id: 1 } });
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
