// Live results in one process: every stream of one poll shares one feed, which subscribes to the poll's
// change events (one LISTEN connection per database server, lib/tenancy/tenant-events.ts) and reads the
// results once per (coalesced) change for all of them. Decision 032.
import "server-only";
import { isMissingRelation } from "@/lib/db/errors";
import { pollTopic } from "@/lib/polls/lifecycle";
import { pollResults, type PollResults } from "@/lib/polls/results";
import { subscribeTenantChanges, tenantDb } from "@/lib/tenancy";
import { tenantServerUrl, type TenantPlacement } from "@/lib/tenancy/operations";

/** The poll's results after a change, or null once the poll (or its tenant) is gone. */
export type ResultsListener = (results: PollResults | null) => void;

type Feed = {
  listeners: Set<ResultsListener>;
  stop: () => void;
  ready: Promise<void>;
  reading: boolean;
  /** A change arrived while reading: read again once done. */
  again: boolean;
};

const KEY = Symbol.for("polls.live-feeds");
const store = globalThis as unknown as Record<symbol, Map<string, Feed> | undefined>;
const feeds = (store[KEY] ??= new Map<string, Feed>());

/**
 * Calls `listener` with the poll's results after every committed change to its votes, choices or window
 * (at most one call per ~100 ms), and after a lost listening connection came back. `ready` resolves once
 * changes are being heard: results read after it miss nothing.
 */
export function watchPollResults(tenant: TenantPlacement, pollId: number, listener: ResultsListener): { ready: Promise<void>; stop: () => void } {
  const key = `${tenantServerUrl(tenant)}|${tenant.slug}|${pollId}`;
  let feed = feeds.get(key);
  if (!feed) {
    const created: Feed = { listeners: new Set(), stop: () => {}, ready: Promise.resolve(), reading: false, again: false };
    const subscription = subscribeTenantChanges(tenant, pollTopic(pollId), () => void refresh(created, tenant, pollId));
    created.stop = subscription.stop;
    created.ready = subscription.ready;
    feeds.set(key, created);
    feed = created;
  }
  const current = feed;
  current.listeners.add(listener);
  return {
    ready: current.ready,
    stop: () => {
      current.listeners.delete(listener);
      if (current.listeners.size > 0 || feeds.get(key) !== current) return;
      feeds.delete(key);
      current.stop();
    },
  };
}

/** How many polls this process follows, and for how many streams in all (benchmarks, diagnostics). */
export function liveFeedStats(): { polls: number; listeners: number } {
  let listeners = 0;
  for (const feed of feeds.values()) listeners += feed.listeners.size;
  return { polls: feeds.size, listeners };
}

async function refresh(feed: Feed, tenant: TenantPlacement, pollId: number): Promise<void> {
  if (feed.reading) {
    feed.again = true;
    return;
  }
  feed.reading = true;
  try {
    do {
      feed.again = false;
      const results = await readResults(tenant, pollId);
      if (results === undefined) continue;
      for (const listener of [...feed.listeners]) listener(results);
    } while (feed.again);
  } finally {
    feed.reading = false;
  }
}

/** The results, null when the poll or its tenant's schema is gone, undefined when they could not be read (the next change tries again). */
async function readResults(tenant: TenantPlacement, pollId: number): Promise<PollResults | null | undefined> {
  try {
    return await pollResults(tenantDb(tenant), pollId);
  } catch (error) {
    if (isMissingRelation(error)) return null;
    console.error(`[live] cannot read poll ${pollId} of ${tenant.slug}: ${error instanceof Error ? error.message : error}`);
    return undefined;
  }
}
