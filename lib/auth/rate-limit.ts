// Failed sign-ins, throttled in PostgreSQL (public."SignInFailure"), so every app instance shares one
// count and a restart forgets nothing. Each attempt is counted against two budgets inside the window:
//   per tenant + client IP + username   LOGIN_FAILURE_LIMIT    (the limit a person mistyping meets)
//   per tenant + username               ACCOUNT_FAILURE_LIMIT  (whatever the IP: without a trusted front
//                                                               proxy the IP comes from a header the client
//                                                               may set, and rotating it must not buy
//                                                               unlimited guesses at one account)
// A browser holding a device cookie for the account (decision 015) is counted apart instead:
//   per tenant + username + device         DEVICE_FAILURE_LIMIT   (so a flood against the account, which
//                                                               spends its budget for everyone else, does
//                                                               not lock out its owner's own browser)
import { inTransaction, poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";

export const LOGIN_FAILURE_LIMIT = 10;
export const ACCOUNT_FAILURE_LIMIT = 50;
export const DEVICE_FAILURE_LIMIT = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** `device`: the id of a verified device cookie for this very tenant and username, if the browser has one. */
export type LoginAttempt = { tenant: string; ip: string; username: string; device?: string | null };
export type SignInResult<T> = { ok: true; user: T } | { ok: false; retryAfterMs?: number };

type Budget = { key: string; limit: number };

const accountKey = (tenant: string, username: string) => JSON.stringify(["account", tenant, username]);

/** The budgets an attempt spends: a trusted device's own, or the client's and the account's. */
function budgetsOf(attempt: LoginAttempt): Budget[] {
  const username = attempt.username.trim().toLowerCase();
  if (attempt.device) return [{ key: JSON.stringify(["device", attempt.tenant, username, attempt.device]), limit: DEVICE_FAILURE_LIMIT }];
  return [
    { key: JSON.stringify(["client", attempt.tenant, attempt.ip, username]), limit: LOGIN_FAILURE_LIMIT },
    { key: accountKey(attempt.tenant, username), limit: ACCOUNT_FAILURE_LIMIT },
  ];
}

/**
 * One sign-in attempt under the throttle, for every way of signing in (form, API, platform). Refused
 * while either budget is spent; otherwise the attempt is recorded as a failure *before* the password is
 * checked, so a burst of parallel guesses (on one instance or many) cannot all pass the check. A success
 * takes back its own entry and clears the client's count; the account's earlier failures are left to
 * age out, so a success does not hand a guesser a fresh budget.
 */
export async function throttledSignIn<T>(attempt: LoginAttempt, verify: () => Promise<T | null>): Promise<SignInResult<T>> {
  const [own, account] = budgetsOf(attempt);
  const counted = await countAttempt(account ? [own, account] : [own]);
  if (!counted.ok) return { ok: false, retryAfterMs: counted.retryAfterMs };
  const user = await verify();
  if (!user) return { ok: false };
  // The client's (or device's) count starts again; the account's earlier failures age out.
  await poolFor(defaultServerUrl()).query(`DELETE FROM public."SignInFailure" WHERE key = $1 OR id = $2`, [own.key, account ? counted.ids[account.key] : null]);
  return { ok: true, user };
}

/** The usernames among `usernames` whose account-wide budget is spent: locked for every untrusted browser. */
export async function lockedUsernames(tenant: string, usernames: string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const keys = usernames.map((username) => accountKey(tenant, username));
  const { rows } = await poolFor(defaultServerUrl()).query<{ key: string }>(
    `SELECT key FROM public."SignInFailure"
      WHERE key = ANY($1) AND at > now() - $2 * interval '1 millisecond'
      GROUP BY key HAVING count(*) >= $3`,
    [keys, LOGIN_WINDOW_MS, ACCOUNT_FAILURE_LIMIT],
  );
  const locked = new Set(rows.map((row) => row.key));
  return new Set(usernames.filter((username) => locked.has(accountKey(tenant, username))));
}

/**
 * An admin's unlock: forgets every failure counted against this account (its account-wide budget, and
 * each client's and device's budget for it), so the next attempt from anywhere is checked again.
 */
export async function unlockAccount(tenant: string, username: string): Promise<void> {
  await poolFor(defaultServerUrl()).query(
    `DELETE FROM public."SignInFailure"
      WHERE key = $1
         OR (starts_with(key, $2) AND key::jsonb ->> 3 = $4)
         OR (starts_with(key, $3) AND key::jsonb ->> 2 = $4)`,
    [accountKey(tenant, username), JSON.stringify(["client", tenant]).slice(0, -1) + ",", JSON.stringify(["device", tenant]).slice(0, -1) + ",", username],
  );
}

type Counted = { ok: true; ids: Record<string, string> } | { ok: false; retryAfterMs: number };

let attemptsSincePrune = 0;
const PRUNE_EVERY = 100;

/**
 * Records a failure against every budget, unless one is already spent. The budgets' keys are locked
 * (transaction-scoped advisory locks, in key order) for the count and the insert, so two instances
 * counting the same key take turns.
 */
async function countAttempt(budgets: Budget[]): Promise<Counted> {
  const sorted = [...budgets].sort((a, b) => (a.key < b.key ? -1 : 1)); // one order everywhere: no deadlock
  const keys = sorted.map((b) => b.key);
  return inTransaction(poolFor(defaultServerUrl()), async (db) => {
    for (const key of keys) await db.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
    const { rows } = await db.query<{ key: string; failures: number; retry_ms: number }>(
      `SELECT key, count(*)::int AS failures,
              ceil(extract(epoch FROM min(at) + $2 * interval '1 millisecond' - now()) * 1000)::int AS retry_ms
         FROM public."SignInFailure"
        WHERE key = ANY($1) AND at > now() - $2 * interval '1 millisecond'
        GROUP BY key`,
      [keys, LOGIN_WINDOW_MS],
    );
    const spent = rows.filter((row) => row.failures >= sorted.find((b) => b.key === row.key)!.limit);
    if (spent.length) return { ok: false, retryAfterMs: Math.max(...spent.map((row) => row.retry_ms)) };

    const inserted = await db.query<{ id: string; key: string }>(
      `INSERT INTO public."SignInFailure" (key) SELECT unnest($1::text[]) RETURNING id::text, key`,
      [keys],
    );
    // Failures past the window count for nothing: drop them now and then, whoever's they are.
    if (++attemptsSincePrune >= PRUNE_EVERY) {
      attemptsSincePrune = 0;
      await db.query(`DELETE FROM public."SignInFailure" WHERE at <= now() - $1 * interval '1 millisecond'`, [LOGIN_WINDOW_MS]);
    }
    return { ok: true, ids: Object.fromEntries(inserted.rows.map((row) => [row.key, row.id])) };
  });
}

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
