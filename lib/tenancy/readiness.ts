// Readiness: every database server in use (the default one and each tenant's) answers, and neither the
// shared schema nor any tenant's has a pending migration. One read of the migration runner's own status
// (a few statements per server, never one per tenant), shared by concurrent callers and kept for a few
// seconds, so a load balancer polling every instance costs the database next to nothing.
import "server-only";
import { allTenantTargets, readMigrationStatus, sharedTarget } from "@/lib/tenancy/migrate-all";

export type Readiness = {
  status: "ready" | "unavailable";
  /** Database servers in use, and how many of them did not answer. */
  servers: number;
  serversDown: number;
  /** Schemas (shared and tenants) with migrations not yet applied. */
  pendingSchemas: number;
};

const READY_FOR_MS = 5_000;
const UNAVAILABLE_FOR_MS = 1_000; // a server coming back is seen soon

let last: { readiness: Promise<Readiness>; until: number } | null = null;

export function checkReadiness(): Promise<Readiness> {
  if (last && Date.now() < last.until) return last.readiness;
  const entry = { readiness: readRegistryAndMigrations(), until: Number.POSITIVE_INFINITY };
  last = entry;
  void entry.readiness.then((r) => (entry.until = Date.now() + (r.status === "ready" ? READY_FOR_MS : UNAVAILABLE_FOR_MS)));
  return entry.readiness;
}

/** Forgets the kept answer (tests). */
export function resetReadiness(): void {
  last = null;
}

async function readRegistryAndMigrations(): Promise<Readiness> {
  let statuses;
  try {
    statuses = await readMigrationStatus([sharedTarget(), ...(await allTenantTargets())]);
  } catch {
    // The registry's own server did not answer: nothing else can be known.
    return { status: "unavailable", servers: 1, serversDown: 1, pendingSchemas: 0 };
  }
  const servers = new Set(statuses.map((s) => s.serverUrl));
  const down = new Set(statuses.filter((s) => s.unreachable).map((s) => s.serverUrl));
  const pendingSchemas = statuses.filter((s) => !s.unreachable && s.pending.length > 0).length;
  const ready = down.size === 0 && pendingSchemas === 0;
  return { status: ready ? "ready" : "unavailable", servers: servers.size, serversDown: down.size, pendingSchemas };
}
