// Change events of a tenant's data, across app instances: a write sends NOTIFY from its own transaction
// (so PostgreSQL delivers it at commit, and never for a rollback), and each process hears every tenant of
// a server on that server's one LISTEN connection (server-listener.ts) and fans each event out to its
// subscribers, at most one call per topic per COALESCE_MS. Decision 032.
import { z } from "zod";
import { listenOn } from "@/lib/tenancy/server-listener";
import { tenantDirectUrl, type TenantPlacement } from "@/lib/tenancy/servers";
import type { TenantDb } from "@/lib/tenancy/tenant-db";
import { requireCurrentTenant } from "@/lib/tenancy/tenant-scope";

export const TENANT_CHANNEL = "tenant_events";

/** Bursts of changes to one topic reach subscribers as one call per this many milliseconds, at most. */
export const COALESCE_MS = 100;

type Transaction = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

/** What an app names its changes by (`poll:7`): short, printable, no spaces. */
const topicSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/, "A topic is 1-200 letters, digits or _.:-");

/**
 * Announces a change of `topic` in the current tenant, from inside that tenant's transaction: delivered
 * to every instance when the transaction commits, dropped if it rolls back. The tenant is the
 * transaction's own (from its context), so a tenant can only announce its own changes.
 */
export async function notifyTenantChange(tx: Transaction, topic: string): Promise<void> {
  const { schema } = requireCurrentTenant();
  const payload = `${schema}:${topicSchema.parse(topic)}`;
  // The core's audited raw statements (see eslint.config.mjs): bind parameters only, no table named,
  // on the transaction's own connection, which is what makes NOTIFY wait for its commit.
  await tx.$queryRaw`SELECT pg_notify(${TENANT_CHANNEL}, ${payload})::text AS sent`;
}

/**
 * The database server's clock, read inside a transaction (`clock_timestamp()`: the moment of the read,
 * not of BEGIN): what time-based rules compare with, so every instance and the CLI agree whatever
 * their own clocks say.
 */
export async function readDatabaseClock(tx: Transaction): Promise<Date> {
  const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  return row.now;
}

type Topic = { handlers: Set<() => void>; lastFired: number; timer: NodeJS.Timeout | null };
type ServerTopics = { topics: Map<string, Topic>; ready: Promise<void>; stop: () => Promise<void> };

const KEY = Symbol.for("polls.tenant-event-topics");
const store = globalThis as unknown as Record<symbol, Map<string, ServerTopics> | undefined>;
const servers = (store[KEY] ??= new Map<string, ServerTopics>());

/**
 * Calls `onChange` after each committed change of `topic` in the tenant (coalesced), and after the
 * listening connection was re-established (changes may have been missed meanwhile). Returns the
 * unsubscribe function and a promise of the LISTEN being in place.
 */
export function subscribeTenantChanges(tenant: TenantPlacement, topic: string, onChange: () => void): { ready: Promise<void>; stop: () => void } {
  const url = tenantDirectUrl(tenant); // where its notifications can be heard
  const key = `${tenant.slug}:${topicSchema.parse(topic)}`;
  let server = servers.get(url);
  if (!server) {
    const topics = new Map<string, Topic>();
    const subscription = listenOn(url, TENANT_CHANNEL, {
      onNotify: (payload) => {
        const found = topics.get(payload);
        if (found) fire(found);
      },
      onResync: () => topics.forEach(fire),
    });
    server = { topics, ready: subscription.ready, stop: subscription.stop };
    servers.set(url, server);
  }
  const topics = server.topics;
  const entry = topics.get(key) ?? { handlers: new Set(), lastFired: 0, timer: null };
  topics.set(key, entry);
  const handler = () => onChange();
  entry.handlers.add(handler);
  return {
    ready: server.ready,
    stop: () => {
      entry.handlers.delete(handler);
      if (entry.handlers.size > 0) return;
      if (entry.timer) clearTimeout(entry.timer);
      topics.delete(key);
      if (topics.size === 0 && servers.get(url)?.topics === topics) {
        servers.delete(url);
        void server.stop();
      }
    },
  };
}

/** Calls a topic's handlers now, or once at the end of its coalescing window if it fired less than COALESCE_MS ago. */
function fire(topic: Topic): void {
  if (topic.timer) return;
  const wait = topic.lastFired + COALESCE_MS - Date.now();
  const run = () => {
    topic.timer = null;
    topic.lastFired = Date.now();
    for (const handler of [...topic.handlers]) handler();
  };
  if (wait <= 0) run();
  else topic.timer = setTimeout(run, wait);
}
