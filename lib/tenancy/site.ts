// Which site a request is for, decided by its host alone. The proxy calls it to route pages, and the
// app calls it again to check them and to resolve the JSON API (which the proxy does not route), so
// no request ever takes its tenant from a header the proxy or a client set.
//   thor.<root>               →  thor      (a slug that passes checkSlug; the registry is asked later)
//   <root>, www.<root>        →  the platform
//   polls.thor-fans.example   →  the tenant owning that custom domain (cached registry lookup)
//   anything else             →  null
import { tenancyConfig } from "@/lib/tenancy/config";
import { classifyHost, effectiveHost, HOST_NAME_PATTERN } from "@/lib/tenancy/host";
import { findTenantByDomain } from "@/lib/tenancy/registry";
import { checkSlug } from "@/lib/tenancy/schema-name";

/** `host` is the host the request is for (see effectiveHost), with its port: links and origin checks use it. */
export type Site = { kind: "platform"; host: string } | { kind: "tenant"; slug: string; host: string };

type HeaderSource = { get(name: string): string | null };

export async function siteOf(headers: HeaderSource): Promise<Site | null> {
  const { rootDomain, trustProxy } = tenancyConfig();
  const host = effectiveHost(headers, rootDomain, trustProxy);
  const route = classifyHost(host, rootDomain);
  if (!host || !route) return null;
  if (route.kind === "root") return { kind: "platform", host };
  if (route.kind === "subdomain") return checkSlug(route.slug).ok ? { kind: "tenant", slug: route.slug, host } : null;
  // Only a well-formed host name is worth a (cached) registry lookup; junk Host headers route nowhere.
  if (!HOST_NAME_PATTERN.test(route.domain)) return null;
  const tenant = await findTenantByDomain(route.domain);
  return tenant ? { kind: "tenant", slug: tenant.slug, host } : null;
}
