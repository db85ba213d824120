// Registry changes across app instances: whoever changes the registry sends NOTIFY on one channel;
// every app process holds one LISTEN connection (outside the pool, which would hand it to queries,
// and on DIRECT_URL, past any PgBouncer) and clears its tenant cache on each notification. See docs/decisions/007-tenant-cache-invalidation.md.
import pg from "pg";
import { poolFor, redact } from "@/lib/db/pools";
import { defaultDirectUrl, defaultServerUrl } from "@/lib/db/public-db";

export const REGISTRY_CHANNEL = "tenant_registry";

const RECONNECT_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 5_000];

type ListenerState = {
  onChange: () => void;
  client: pg.Client | null;
  /** Backend pid of the connection while LISTEN is in place. */
  pid: number | null;
  /** Resolves once LISTEN is in place (or the first attempt failed); tests await it. */
  ready: Promise<void>;
  attempts: number;
  timer: NodeJS.Timeout | null;
  stopped: boolean;
};

// One listener per process, whichever bundle's copy of this module starts it.
const LISTENER_KEY = Symbol.for("polls.tenant-registry-listener");
const globalStore = globalThis as unknown as Record<symbol, ListenerState | undefined>;

/** Tells every app instance (this one included) that the registry changed. Never throws. */
export async function publishRegistryChange(): Promise<void> {
  try {
    await poolFor(defaultServerUrl()).query("SELECT pg_notify($1, '')", [REGISTRY_CHANNEL]);
  } catch (error) {
    // The change itself is committed; other instances still see it when their entries expire.
    console.error(`[registry] could not notify other instances: ${error instanceof Error ? error.message : error}`);
  }
}

/**
 * Starts this process's listener (once; later calls return the running one). `onChange` runs on every
 * notification, and also after each (re)connection, since notifications sent while we were not
 * listening are lost.
 */
export function startRegistryListener(onChange: () => void): Promise<void> {
  const running = globalStore[LISTENER_KEY];
  if (running && !running.stopped) return running.ready;
  const state: ListenerState = { onChange, client: null, pid: null, ready: Promise.resolve(), attempts: 0, timer: null, stopped: false };
  globalStore[LISTENER_KEY] = state;
  state.ready = connect(state);
  return state.ready;
}

/** Stops the listener and closes its connection. */
export async function stopRegistryListener(): Promise<void> {
  const state = globalStore[LISTENER_KEY];
  if (!state) return;
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
  const client = state.client;
  state.client = null;
  state.pid = null;
  await client?.end().catch(() => {});
}

/** The backend pid of the LISTEN connection, or null while disconnected (for tests and diagnostics). */
export function registryListenerPid(): number | null {
  return globalStore[LISTENER_KEY]?.pid ?? null;
}

async function connect(state: ListenerState): Promise<void> {
  if (state.stopped) return;
  // PgBouncer in transaction mode never delivers notifications: LISTEN needs the direct server.
  const serverUrl = defaultDirectUrl();
  const client = new pg.Client({ connectionString: serverUrl, keepAlive: true });
  state.client = client;
  client.on("notification", () => state.onChange());
  client.on("error", (error) => retry(state, client, error));
  client.on("end", () => retry(state, client, new Error("connection closed")));
  try {
    await client.connect();
    await client.query(`LISTEN ${REGISTRY_CHANNEL}`);
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    if (state.client !== client) return; // replaced or stopped meanwhile
    state.pid = rows[0].pid;
    state.attempts = 0;
    state.onChange();
  } catch (error) {
    console.error(`[registry] cannot listen on ${redact(serverUrl)}`);
    retry(state, client, error);
  }
}

/** Drops a broken connection and schedules the next one; stale entries are cleared meanwhile. */
function retry(state: ListenerState, client: pg.Client, error: unknown): void {
  if (state.client !== client || state.stopped) return;
  state.client = null;
  state.pid = null;
  state.onChange();
  void client.end().catch(() => {});
  const delay = RECONNECT_DELAYS_MS[Math.min(state.attempts, RECONNECT_DELAYS_MS.length - 1)];
  state.attempts += 1;
  console.error(`[registry] listener lost (${error instanceof Error ? error.message : error}); reconnecting in ${delay} ms`);
  state.timer = setTimeout(() => {
    state.timer = null;
    void connect(state);
  }, delay);
  state.timer.unref();
}
