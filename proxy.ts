// Next 16's request proxy (the file Next 15 called middleware.ts; it runs on Node). It routes pages:
// it asks siteOf which site the host names and rewrites the path into that site's tree, keeping the query.
//   thor.localhost:3000/polls/7?x=1  →  /thor/polls/7?x=1     (app/[tenant]/…)
//   localhost:3000/admin             →  /site/admin           (app/site/…, the platform)
//   unknown host                     →  404
// It also gives every page its CSP nonce. The JSON API (app/api) skips it: a proxy pass costs more
// than the rest of the tenant lookup, and the API finds its tenant from the host itself.
// Authorisation is not its job: the app re-resolves the site from the host and checks every session.
import "@/lib/config";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/csp";
import { isServerDown, RETRY_AFTER_SECONDS } from "@/lib/db/availability";
import { isDatabaseUnreachable } from "@/lib/db/errors";
import { poolFor } from "@/lib/db/pools";
import { defaultServerUrl } from "@/lib/db/public-db";
import { maintenancePage } from "@/lib/maintenance-page";
import { findTenantBySlug, logoSourceOrigin, siteOf, type Site, type Tenant } from "@/lib/tenancy";
import { tenantServerUrl } from "@/lib/tenancy/operations";

const PLATFORM_PREFIX = "/site";
// The platform's pages (app/site/…). Any other path on the root domain is rewritten to NO_ROUTE, a path no route
// matches, which Next answers with its own /_not-found page: real HTML and status 404. A notFound() thrown from a
// catch-all page would arrive as an empty document without JavaScript (decisions 021, 028).
const PLATFORM_PAGES = [/^\/$/, /^\/admin$/, /^\/admin\/login$/, /^\/admin\/tenants\/[^/]+(?:\/delete|\/export)?$/, /^\/api\/auth\//, /^\/bench-proxied\/polls\/[^/]+$/];
const NO_ROUTE = `${PLATFORM_PREFIX}/_/no-such-page`;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function proxy(request: NextRequest) {
  // While the registry's server is known to be down, every page waits with a 503 rather than failing.
  if (registryServerDown()) return unavailable();
  let site: Site | null;
  let tenant: Tenant | null = null;
  try {
    site = await siteOf(request.headers);
    // An unknown tenant is answered here, like an unknown host: a notFound() from the tenant layout would
    // reach the browser as Next's empty error document, blank without JavaScript.
    if (site?.kind === "tenant") {
      tenant = await findTenantBySlug(site.slug);
      if (!tenant) site = null;
      // A tenant on a server of its own that is known to be down waits with a 503 like the registry's.
      else if (tenant.databaseUrl && serverDown(tenantServerUrl(tenant))) return unavailable();
    }
  } catch (error) {
    if (isDatabaseUnreachable(error)) return unavailable(); // a registry lookup found no server
    throw error;
  }
  if (!site) return unknownHost();
  // Pages, and the server actions posted to them: nothing of a tenant in maintenance runs.
  if (tenant?.maintenance) return maintenancePage(tenant);
  if (isCrossOriginPost(request, site.host)) return forbidden();

  const headers = new Headers(request.headers);
  headers.delete("x-middleware-subrequest");
  // Downstream (next-auth's origin, server actions' origin check) sees the host we routed on, not a client's claim.
  headers.set("x-forwarded-host", site.host);
  // Next reads the nonce from the request's CSP and applies it to the scripts it renders.
  // A tenant's logo on another https origin is allowed on that tenant's pages only (decision 030).
  const logoOrigin = logoSourceOrigin(tenant?.logoUrl ?? null);
  const csp = contentSecurityPolicy(crypto.randomUUID().replaceAll("-", ""), undefined, {
    imgOrigins: logoOrigin ? [logoOrigin] : [],
    // Scalar's API reference compiles its validators with `new Function` (decision 029): that page only.
    allowEval: site.kind === "tenant" && request.nextUrl.pathname === "/api/docs",
  });
  headers.set("content-security-policy", csp);

  const prefix = site.kind === "platform" ? PLATFORM_PREFIX : `/${site.slug}`;
  const { pathname, search } = request.nextUrl;
  const unknownPlatformPage = site.kind === "platform" && !PLATFORM_PAGES.some((page) => page.test(pathname));
  const path = unknownPlatformPage ? NO_ROUTE : `${prefix}${pathname === "/" ? "" : pathname}${search}`;
  const destination = new URL(path, request.url);
  const response = NextResponse.rewrite(destination, { request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

/**
 * A form or server action posted to a page from another origin (potter's page posting to thor). Next
 * refuses such actions too, but only after routing and with a 500; here it is a plain 403. The JSON
 * API checks origins itself, since token-authenticated clients need none.
 */
function isCrossOriginPost(request: NextRequest, host: string): boolean {
  if (SAFE_METHODS.has(request.method) || request.nextUrl.pathname.startsWith("/api/")) return false;
  const origin = request.headers.get("origin");
  if (!origin) return false; // browsers always send Origin on POST; Next's own check covers the rest
  try {
    return new URL(origin).host !== host.toLowerCase();
  } catch {
    return true;
  }
}

function forbidden() {
  return new NextResponse("Forbidden: cross-origin request", {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

const registryServerDown = () => serverDown(defaultServerUrl());

function serverDown(server: string): boolean {
  return isServerDown(server, () => poolFor(server).query("SELECT 1"));
}

function unavailable() {
  const page =
    "<!doctype html><title>Temporarily unavailable</title><h1>503: temporarily unavailable</h1>" +
    `<p>The service cannot reach its database right now. Please try again in ${RETRY_AFTER_SECONDS} seconds.</p>`;
  return new NextResponse(page, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": String(RETRY_AFTER_SECONDS) },
  });
}

function unknownHost() {
  return new NextResponse("<!doctype html><title>Not found</title><h1>404: no site at this address</h1>", {
    status: 404,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

export const config = {
  // Skipped: the JSON API under /api/ (but not next-auth's /api/auth/* nor the /api/docs page), static
  // assets, images, the icon and public/brand/ (the demo tenants' logos), which need no tenant, and /bench-baseline/*, the benchmark's tenancy-free baselines
  // (a 404 unless BENCH_BASELINE_SCHEMA is set), and /healthz and /readyz, answered on every host, known or not.
  matcher: ["/((?!api/(?!auth/|docs$)|_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt|brand/|bench-baseline(?:/|$)|healthz$|readyz$).*)"],
};
