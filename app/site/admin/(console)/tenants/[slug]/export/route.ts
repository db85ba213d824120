// The platform admin's Export: the tenant's export file (lib/tenancy/portability/format.ts), streamed as a
// download while it is written. Platform admins only; anyone else gets a 403 and nothing of the tenant.
import { PassThrough, Readable } from "node:stream";
import { getPlatformAdmin } from "@/lib/platform/session";
import { findTenantBySlug } from "@/lib/tenancy";
import { checkSlug, exportTenant } from "@/lib/tenancy/manage";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  if (!(await getPlatformAdmin())) return text(403, "Forbidden: platform admins only");
  const slug = checkSlug((await params).slug);
  if (!slug.ok || !(await findTenantBySlug(slug.slug))) return text(404, "No such tenant");
  const body = new PassThrough();
  exportTenant(slug.slug, body).catch((error: unknown) => {
    // Headers are sent: a broken stream is all the browser can be told; the log says why.
    console.error(`[platform] export of ${slug.slug} failed`, error);
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="${slug.slug}-${stamp}.polls-export"`,
      "cache-control": "private, no-store",
    },
  });
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
