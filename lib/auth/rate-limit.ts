// A small in-memory limiter for failed sign-ins: after `limit` failures inside `windowMs` a key is
// refused until the oldest of them ages out. Per process: behind several instances each keeps its own
// count, which still bounds guessing to `limit` × instances per window.

export type RateLimitCheck = { allowed: true } | { allowed: false; retryAfterMs: number };

export type RateLimiter = {
  check(key: string, now?: number): RateLimitCheck;
  recordFailure(key: string, now?: number): void;
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

  return {
    check(key, now = Date.now()) {
      const times = recent(key, now);
      return times.length < limit ? { allowed: true } : { allowed: false, retryAfterMs: times[0] + windowMs - now };
    },
    recordFailure(key, now = Date.now()) {
      const times = recent(key, now);
      // A flood of distinct keys must not grow memory without bound: drop the oldest key.
      if (!times.length && failures.size >= maxKeys) failures.delete(failures.keys().next().value!);
      failures.set(key, [...times, now].slice(-limit));
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
    // The account's count is left to age out: a success must not hand a guesser a fresh budget.
    recordSuccess(attempt: LoginAttempt) {
      perClient.reset(clientKey(attempt));
    },
  };
}

const globalForThrottle = globalThis as unknown as { loginThrottle?: ReturnType<typeof createLoginThrottle> };
export const loginThrottle = (globalForThrottle.loginThrottle ??= createLoginThrottle());

/**
 * The client's IP as far as we can know it. Next sets X-Forwarded-For from the socket when the client
 * sent none; a client can send its own, so behind no trusted proxy the key also holds the username,
 * and rotating addresses only buys an attacker more windows on one account, never on all of them.
 */
export function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const raw = headers?.["x-forwarded-for"] ?? headers?.["x-real-ip"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.split(",")[0]?.trim() || "unknown";
}

export function retryMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
