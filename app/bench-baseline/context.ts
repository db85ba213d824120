// BENCHMARK ONLY: the tenant context of the benchmark's baselines, bound to the one schema named by
// BENCH_BASELINE_SCHEMA without host routing, registry lookup or tenant check; null (so a 404) unless set.
import "server-only";
import { tenantDb } from "@/lib/tenancy";
import { checkSlug } from "@/lib/tenancy/manage";
import type { TenantContext } from "@/lib/tenancy/next";

export function baselineContext(host: string | null): TenantContext | null {
  const schema = process.env.BENCH_BASELINE_SCHEMA ?? "";
  if (!checkSlug(schema).ok) return null;
  const tenant = { id: 0, slug: schema, name: schema, databaseUrl: null, description: "", accentColor: null, logoUrl: null };
  return { tenant, db: tenantDb(tenant), host: host ?? "" };
}
