// BENCHMARK ONLY: GET /api/polls's handler with tenancy bypassed, for `npm run bench` to compare against.
// Off (404) unless the server was started with BENCH_BASELINE_SCHEMA=<schema>; the proxy's matcher skips
// this path, so there is no host routing and no registry lookup: the client is bound to that one schema.
import type { NextRequest } from "next/server";
import { runInContext } from "@/lib/api/handler";
import { respondWithPollPage } from "@/lib/api/poll-list";
import { checkSlug } from "@/lib/tenancy/schema-name";
import { tenantDb } from "@/lib/tenancy/tenant-db";

export async function GET(request: NextRequest): Promise<Response> {
  const schema = process.env.BENCH_BASELINE_SCHEMA ?? "";
  if (!checkSlug(schema).ok) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  const tenant = { id: 0, slug: schema, name: schema, databaseUrl: null };
  const ctx = { tenant, db: tenantDb(tenant), host: request.headers.get("host") ?? "" };
  return runInContext(request, {}, Promise.resolve(ctx), { auth: "optional" }, respondWithPollPage);
}
