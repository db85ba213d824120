// GET /readyz on every host: 200 when every database server in use answers and no schema has a pending
// migration, else 503 with Retry-After. Counts only: no tenant's name or data. See lib/tenancy/readiness.ts.
import { RETRY_AFTER_SECONDS } from "@/lib/db/availability";
import { checkReadiness } from "@/lib/tenancy/next";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (readiness.status !== "ready") headers["retry-after"] = String(RETRY_AFTER_SECONDS);
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503, headers });
}
