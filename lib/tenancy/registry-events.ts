// Registry changes across app instances: whoever changes the registry sends NOTIFY on one channel;
// every app process hears it on its server's one LISTEN connection (server-listener.ts, on DIRECT_URL,
// past any PgBouncer) and clears its tenant cache on each notification. See
// docs/decisions/007-tenant-cache-invalidation.md and 032.
import { poolFor } from "@/lib/db/pools";
import { defaultDirectUrl, defaultServerUrl } from "@/lib/db/public-db";
import { listenerPid, listenOn } from "@/lib/tenancy/server-listener";

export const REGISTRY_CHANNEL = "tenant_registry";

type Subscription = ReturnType<typeof listenOn> & { url: string };

// One subscription per process, whichever bundle's copy of this module starts it.
const LISTENER_KEY = Symbol.for("polls.tenant-registry-listener");
const globalStore = globalThis as unknown as Record<symbol, Subscription | undefined>;

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
 * Starts this process's registry subscription (once; later calls return the running one). `onChange`
 * runs on every notification, and also after each (re)connection, since notifications sent while we
 * were not listening are lost.
 */
export function startRegistryListener(onChange: () => void): Promise<void> {
  const running = globalStore[LISTENER_KEY];
  if (running) return running.ready;
  const url = defaultDirectUrl();
  const subscription = { ...listenOn(url, REGISTRY_CHANNEL, { onNotify: onChange, onResync: onChange }), url };
  globalStore[LISTENER_KEY] = subscription;
  return subscription.ready;
}

/** Stops listening for registry changes (the server's connection closes if nothing else listens on it). */
export async function stopRegistryListener(): Promise<void> {
  const subscription = globalStore[LISTENER_KEY];
  globalStore[LISTENER_KEY] = undefined;
  await subscription?.stop();
}

/** The backend pid of the LISTEN connection, or null while disconnected (for tests and diagnostics). */
export function registryListenerPid(): number | null {
  const subscription = globalStore[LISTENER_KEY];
  return subscription ? listenerPid(subscription.url) : null;
}
