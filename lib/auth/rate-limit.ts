// A small in-memory limiter for failed sign-ins: after `limit` failures inside `windowMs` a key is
// refused until the oldest of them ages out. Per process: behind several instances each keeps its own
// count, which still bounds guessing to `limit` × instances per window.

export type RateLimitCheck = { allowed: true } | { allowed: false; retryAfterMs: number };

export type RateLimiter = {
  check(key: string, now?: number): RateLimitCheck;
  recordFailure(key: string, now?: number): void;
  /** Takes back one failure recorded at `at` (an attempt counted in advance that then succeeded). */
  forgive(key: string, at: number): void;
  reset(key: string): void;
  size(): number;
};

export function createRateLimiter({ limit, windowMs, maxKeys = 10_000 }: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const failures = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const times = (failures.get(key) ?? []).filter((t) => now - t < windowMs);
    if (times.length) failures.set(key, times);
    else failures.delete(key);
    return times;
  }

  /**
   * A flood of distinct keys must not grow memory without bound, nor push out a key that is locked:
   * drop the oldest key still under its limit (the oldest of all only if every key is locked).
   */
  function dropOneKey(now: number): void {
    for (const key of failures.keys()) {
      if (recent(key, now).length < limit) {
        failures.delete(key);
        return;
      }
    }
    failures.delete(failures.keys().next().value!);
  }

  return {
    check(key, now = Date.now()) {
      const times = recent(key, now);
      return times.length < limit ? { allowed: true } : { allowed: false, retryAfterMs: times[0] + windowMs - now };
    },
    recordFailure(key, now = Date.now()) {
      const times = recent(key, now);
      if (!times.length && failures.size >= maxKeys) dropOneKey(now);
      failures.set(key, [...times, now].slice(-limit));
    },
    forgive(key, at) {
      const times = failures.get(key) ?? [];
      const index = times.lastIndexOf(at);
      if (index >= 0) times.splice(index, 1);
      if (!times.length) failures.delete(key);
    },
    reset(key) {
      failures.delete(key);
    },
    size() {
      return failures.size;
    },
  };
}

export const LOGIN_FAILURE_LIMIT = 10; // per tenant + client IP + username
export const ACCOUNT_FAILURE_LIMIT = 50; // per tenant + username, whatever the IP
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export type LoginAttempt = { tenant: string; ip: string; username: string };

/**
 * Failed sign-ins, counted twice: per tenant + IP + username (the limit a person mistyping meets),
 * and per tenant + username with a larger budget, because without a trusted front proxy the IP comes
 * from a header the client may set, and rotating it must not buy unlimited guesses at one account.
 */
export function createLoginThrottle() {
  const perClient = createRateLimiter({ limit: LOGIN_FAILURE_LIMIT, windowMs: LOGIN_WINDOW_MS });
  const perAccount = createRateLimiter({ limit: ACCOUNT_FAILURE_LIMIT, windowMs: LOGIN_WINDOW_MS });
  const clientKey = (a: LoginAttempt) => JSON.stringify([a.tenant, a.ip, a.username.trim().toLowerCase()]);
  const accountKey = (a: LoginAttempt) => JSON.stringify([a.tenant, a.username.trim().toLowerCase()]);

  return {
    check(attempt: LoginAttempt, now = Date.now()): RateLimitCheck {
      const client = perClient.check(clientKey(attempt), now);
      return client.allowed ? perAccount.check(accountKey(attempt), now) : client;
    },
    recordFailure(attempt: LoginAttempt, now = Date.now()) {
      perClient.recordFailure(clientKey(attempt), now);
      perAccount.recordFailure(accountKey(attempt), now);
    },
    /**
     * A success clears the client's count. The account's earlier failures are left to age out (a success
     * must not hand a guesser a fresh budget); only this attempt's own advance entry (`countedAt`) goes.
     */
    recordSuccess(attempt: LoginAttempt, countedAt?: number) {
      perClient.reset(clientKey(attempt));
      if (countedAt !== undefined) perAccount.forgive(accountKey(attempt), countedAt);
    },
  };
}

export type SignInResult<T> = { ok: true; user: T } | { ok: false; retryAfterMs?: number };

/**
 * One sign-in attempt under the throttle, for every way of signing in (form, API, platform). Refused
 * while over the limit; otherwise the attempt counts as a failure *before* the password is checked,
 * so a burst of parallel guesses cannot all pass the check, and is taken back if it succeeds.
 */
export async function throttledSignIn<T>(attempt: LoginAttempt, verify: () => Promise<T | null>): Promise<SignInResult<T>> {
  const limit = loginThrottle.check(attempt);
  if (!limit.allowed) return { ok: false, retryAfterMs: limit.retryAfterMs };
  const countedAt = Date.now();
  loginThrottle.recordFailure(attempt, countedAt);
  const user = await verify();
  if (!user) return { ok: false };
  loginThrottle.recordSuccess(attempt, countedAt);
  return { ok: true, user };
}

const globalForThrottle = globalThis as unknown as { loginThrottle?: ReturnType<typeof createLoginThrottle> };
export const loginThrottle = (globalForThrottle.loginThrottle ??= createLoginThrottle());

/**
 * The client's IP as far as we can know it: the last X-Forwarded-For entry, the one the nearest proxy
 * (a trusted front proxy appends the peer it saw) or Next itself (from the socket, when the client sent
 * no header) wrote. Without a front proxy a client can still claim any address, so the key also holds
 * the username, and the per-account budget caps what rotating addresses can buy.
 */
export function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const raw = headers?.["x-forwarded-for"] ?? headers?.["x-real-ip"];
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  return value?.split(",").at(-1)?.trim() || "unknown";
}

export function retryMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
