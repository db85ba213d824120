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

export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

const globalForLimiter = globalThis as unknown as { loginLimiter?: RateLimiter };
/** Failed sign-ins per tenant + client IP + username. */
export const loginLimiter = (globalForLimiter.loginLimiter ??= createRateLimiter({ limit: LOGIN_FAILURE_LIMIT, windowMs: LOGIN_WINDOW_MS }));

export function loginLimitKey(tenantSlug: string, ip: string, username: string): string {
  return JSON.stringify([tenantSlug, ip, username.trim().toLowerCase()]);
}

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
