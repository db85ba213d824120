// Next 16's request proxy (the file Next 15 called middleware.ts; it runs on Node). It only routes:
// it reads the host, picks the site and rewrites the path into that site's tree, keeping the query.
//   thor.localhost:3000/polls/7?x=1  →  /thor/polls/7?x=1     (app/[tenant]/…)
//   localhost:3000/admin             →  /site/admin           (app/site/…, the platform)
//   unknown host                     →  404
// Authorisation is not its job: app/[tenant] re-resolves the tenant and checks every session itself.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/csp";
import { env } from "@/lib/env";
import { classifyHost, effectiveHost, HOST_NAME_PATTERN } from "@/lib/tenancy/host";
import { ROUTED_HOST_HEADER, TENANT_HEADER } from "@/lib/tenancy/headers";
import { findTenantByDomain } from "@/lib/tenancy/registry";
import { checkSlug } from "@/lib/tenancy/schema-name";

const PLATFORM_PREFIX = "/site";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function proxy(request: NextRequest) {
  const { ROOT_DOMAIN, TRUST_PROXY } = env();
  const host = effectiveHost(request.headers, ROOT_DOMAIN, TRUST_PROXY === "1");
  const route = classifyHost(host, ROOT_DOMAIN);

  let prefix: string | null = null;
  let slug: string | null = null;
  if (route?.kind === "root") prefix = PLATFORM_PREFIX;
  else if (route?.kind === "subdomain") slug = checkSlug(route.slug).ok ? route.slug : null;
  // Only a well-formed host name is worth a (cached) registry lookup; junk Host headers are 404s at once.
  else if (route?.kind === "custom" && HOST_NAME_PATTERN.test(route.domain)) {
    slug = (await findTenantByDomain(route.domain))?.slug ?? null;
  }
  if (slug) prefix = `/${slug}`;
  if (!prefix || !host) return unknownHost();
  if (isCrossOriginPost(request, host)) return forbidden();

  const headers = new Headers(request.headers);
  headers.delete("x-middleware-subrequest");
  headers.delete(TENANT_HEADER);
  if (slug) headers.set(TENANT_HEADER, slug);
  headers.set(ROUTED_HOST_HEADER, host);
  // Downstream (next-auth's origin, server actions' origin check) sees the host we routed on, not a client's claim.
  headers.set("x-forwarded-host", host);

  // Next reads the nonce from the request's CSP and applies it to the scripts it renders.
  const csp = contentSecurityPolicy(crypto.randomUUID().replaceAll("-", ""));
  headers.set("content-security-policy", csp);

  const url = request.nextUrl.clone();
  url.pathname = url.pathname === "/" ? prefix : `${prefix}${url.pathname}`;
  const response = NextResponse.rewrite(url, { request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

/**
 * A form or server action posted to a page from another origin (potter's page posting to thor). Next
 * refuses such actions too, but only after routing and with a 500; here it is a plain 403. The JSON API
 * (`/api/…`) checks origins itself, since token-authenticated clients need none.
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

function unknownHost() {
  return new NextResponse("<!doctype html><title>Not found</title><h1>404: no site at this address</h1>", {
    status: 404,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

export const config = {
  // Static assets and images need no tenant: skipping them keeps the proxy off the hot path.
  // /bench-baseline is the benchmark's tenancy-free baseline (a 404 unless BENCH_BASELINE_SCHEMA is set).
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|bench-baseline$).*)"],
};
