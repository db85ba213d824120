// The Node-only half of instrumentation.ts, imported by it only in the Node runtime, so the Edge build never
// sees process.exit. A server with a bad environment stops here, with one line saying why.
import { checkServerEnv } from "@/lib/env";

export async function registerNode() {
  try {
    checkServerEnv();
  } catch (error) {
    console.error(`[start] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  await import("@/lib/config");
  const { startRegistryListener, clearTenantCache } = await import("@/lib/tenancy");
  // Not awaited: a database that is down at start-up must not hold the server back; it reconnects.
  void startRegistryListener(clearTenantCache);
}
