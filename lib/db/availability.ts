// Whether the default database server (the registry's) is up, as this process last saw it. A pool's idle
// connections hear a shutdown (57P01) before any request fails, and a query that cannot reach the server
// says so (lib/db/errors.ts): either marks the server down. While it is down the proxy answers pages with
// 503 and Retry-After instead of letting them fail, and probes the server (at most once a second) until
// it answers again. Keyed on globalThis: the proxy's bundle and the app's share one state.
import { isDatabaseUnreachable } from "@/lib/db/errors";

/** What a 503 tells clients to wait, in seconds. */
export const RETRY_AFTER_SECONDS = 5;
const PROBE_INTERVAL_MS = 1_000;

type Availability = { down: Set<string>; lastProbe: Map<string, number>; probing: Set<string> };

const KEY = Symbol.for("polls.database-availability");
const store = globalThis as unknown as Record<symbol, Availability | undefined>;
const state = (store[KEY] ??= { down: new Set(), lastProbe: new Map(), probing: new Set() });

/** Records that `serverUrl` could not be reached, if that is what `error` says. Returns whether it did. */
export function noteDatabaseError(serverUrl: string, error: unknown): boolean {
  if (!isDatabaseUnreachable(error)) return false;
  markServerDown(serverUrl);
  return true;
}

export function markServerDown(serverUrl: string): void {
  state.down.add(serverUrl);
}

/**
 * Whether `serverUrl` is known to be down. While it is, a probe (`probe`, e.g. `SELECT 1` on its pool)
 * runs at most once a second in the background; the first that succeeds marks it up again.
 */
export function isServerDown(serverUrl: string, probe: () => Promise<unknown>): boolean {
  if (!state.down.has(serverUrl)) return false;
  const now = Date.now();
  if (!state.probing.has(serverUrl) && now - (state.lastProbe.get(serverUrl) ?? 0) >= PROBE_INTERVAL_MS) {
    state.probing.add(serverUrl);
    state.lastProbe.set(serverUrl, now);
    probe()
      .then(() => state.down.delete(serverUrl))
      .catch(() => {})
      .finally(() => state.probing.delete(serverUrl));
  }
  return true;
}
