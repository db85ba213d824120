// GET /healthz on every host: the process is up and serving. No database, no session, no tenant.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
