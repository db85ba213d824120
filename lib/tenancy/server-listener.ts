// One LISTEN connection per database server per process, whatever the number of channels, tenants and
// subscribers: the registry's cache invalidation and every tenant's change events share it. It is a
// pg.Client of its own (the pool would hand it to queries) on the server's direct URL (PgBouncer in
// transaction mode never delivers notifications; decision 017), and it reconnects by itself.
import pg from "pg";
import { redact } from "@/lib/db/pools";

/** What a channel's subscriber hears: each notification's payload, and "resync" after a (re)connection. */
export type ChannelHandler = { onNotify: (payload: string) => void; onResync: () => void };

const RECONNECT_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 5_000];

type ServerListener = {
  url: string;
  channels: Map<string, Set<ChannelHandler>>;
  client: pg.Client | null;
  /** Backend pid of the connection while its LISTENs are in place. */
  pid: number | null;
  /** Channels LISTENed on the current connection. */
  listening: Set<string>;
  /** Resolves once the connection listens (or its first attempt failed). */
  ready: Promise<void>;
  attempts: number;
  timer: NodeJS.Timeout | null;
};

// One map per process, whichever bundle's copy of this module runs (Next loads some modules twice).
const KEY = Symbol.for("polls.server-listeners");
const store = globalThis as unknown as Record<symbol, Map<string, ServerListener> | undefined>;
const listeners = (store[KEY] ??= new Map<string, ServerListener>());

/**
 * Subscribes to a channel on a server (its direct URL). The returned `ready` resolves once the LISTEN is
 * in place; `stop` unsubscribes, closing the connection when it was the server's last subscriber.
 */
export function listenOn(directUrl: string, channel: string, handler: ChannelHandler): { ready: Promise<void>; stop: () => Promise<void> } {
  let listener = listeners.get(directUrl);
  if (!listener) {
    listener = { url: directUrl, channels: new Map(), client: null, pid: null, listening: new Set(), ready: Promise.resolve(), attempts: 0, timer: null };
    listeners.set(directUrl, listener);
  }
  const handlers = listener.channels.get(channel) ?? new Set<ChannelHandler>();
  listener.channels.set(channel, handlers);
  handlers.add(handler);
  const current = listener;
  if (!current.client && !current.timer) current.ready = connect(current);
  else if (current.pid !== null && !current.listening.has(channel)) current.ready = listenTo(current, current.client!, channel);
  return { ready: current.ready.then(() => current.ready), stop: () => unsubscribe(current, channel, handler) };
}

/** The pid of a server's listening connection, or null while it is not connected (tests, diagnostics). */
export function listenerPid(directUrl: string): number | null {
  return listeners.get(directUrl)?.pid ?? null;
}

/** How many listening connections this process holds (one per server with subscribers). */
export function listenerCount(): number {
  return [...listeners.values()].filter((l) => l.client).length;
}

async function unsubscribe(listener: ServerListener, channel: string, handler: ChannelHandler): Promise<void> {
  const handlers = listener.channels.get(channel);
  handlers?.delete(handler);
  if (handlers && handlers.size === 0) listener.channels.delete(channel);
  if (listener.channels.size > 0 || listeners.get(listener.url) !== listener) return;
  listeners.delete(listener.url);
  if (listener.timer) clearTimeout(listener.timer);
  listener.timer = null;
  const client = listener.client;
  listener.client = null;
  listener.pid = null;
  await client?.end().catch(() => {});
}

async function connect(listener: ServerListener): Promise<void> {
  const client = new pg.Client({ connectionString: listener.url, keepAlive: true });
  listener.client = client;
  listener.listening = new Set();
  client.on("notification", (message) => {
    for (const handler of [...(listener.channels.get(message.channel) ?? [])]) handler.onNotify(message.payload ?? "");
  });
  client.on("error", (error) => retry(listener, client, error));
  client.on("end", () => retry(listener, client, new Error("connection closed")));
  try {
    await client.connect();
    const listening = new Set<string>();
    for (const channel of listener.channels.keys()) {
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listening.add(channel);
    }
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    if (listener.client !== client) return; // replaced or stopped meanwhile
    listener.listening = listening;
    listener.pid = rows[0].pid;
    listener.attempts = 0;
    // Channels subscribed while the LISTENs above were being sent.
    for (const channel of listener.channels.keys()) if (!listener.listening.has(channel)) await listenTo(listener, client, channel);
    resyncAll(listener);
  } catch (error) {
    console.error(`[listen] cannot listen on ${redact(listener.url)}`);
    retry(listener, client, error);
  }
}

async function listenTo(listener: ServerListener, client: pg.Client, channel: string): Promise<void> {
  listener.listening.add(channel);
  try {
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  } catch (error) {
    listener.listening.delete(channel);
    retry(listener, client, error);
  }
}

/** Notifications sent while nobody listened are lost: every subscriber re-reads what it follows. */
function resyncAll(listener: ServerListener): void {
  for (const handlers of listener.channels.values()) for (const handler of [...handlers]) handler.onResync();
}

/** Drops a broken connection and schedules the next one; subscribers resync meanwhile. */
function retry(listener: ServerListener, client: pg.Client, error: unknown): void {
  if (listener.client !== client) return;
  listener.client = null;
  listener.pid = null;
  listener.listening = new Set();
  resyncAll(listener);
  void client.end().catch(() => {});
  if (listeners.get(listener.url) !== listener) return;
  const delay = RECONNECT_DELAYS_MS[Math.min(listener.attempts, RECONNECT_DELAYS_MS.length - 1)];
  listener.attempts += 1;
  console.error(`[listen] connection to ${redact(listener.url)} lost (${error instanceof Error ? error.message : error}); reconnecting in ${delay} ms`);
  listener.timer = setTimeout(() => {
    listener.timer = null;
    listener.ready = connect(listener);
  }, delay);
  listener.timer.unref();
}
