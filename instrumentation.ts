// Runs once when a Next server process starts. The Node runtime holds the tenant cache, so it also holds
// the one connection that hears about registry changes made by other instances (or by the CLI).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkServerEnv } = await import("@/lib/env");
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
