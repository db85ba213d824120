// BENCHMARK ONLY: GET /api/polls's handler with tenancy bypassed, for `npm run bench` to compare against.
// A 404 unless the server was started with BENCH_BASELINE_SCHEMA=<schema>: see ./context.ts.
import type { NextRequest } from "next/server";
import { runInContext } from "@/lib/api/handler";
import { respondWithPollPage } from "@/lib/api/poll-list";
import { baselineContext } from "./context";

export async function GET(request: NextRequest): Promise<Response> {
  const ctx = baselineContext(request.headers.get("host"));
  if (!ctx) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  return runInContext(request, {}, Promise.resolve(ctx), { auth: "optional" }, respondWithPollPage);
}
