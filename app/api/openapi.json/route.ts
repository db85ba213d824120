// GET /api/openapi.json: the API's OpenAPI 3.1 document, with this site as its server.
import { json, withTenantApi } from "@/lib/api/handler";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { siteOrigin } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/openapi.json", {
  GET: withTenantApi({ auth: "none" }, async ({ request, ctx }) =>
    json({ ...buildOpenApiDocument(), servers: [{ url: siteOrigin(request.headers, ctx.host) }] }),
  ),
});
