// Host parsing for the proxy: which site a request is for, from its Host header alone.
// Pure functions: no database, no Next imports, so they are cheap and unit-testable.

export type HostRoute =
  | { kind: "root" }
  | { kind: "subdomain"; slug: string }
  | { kind: "custom"; domain: string };

/** A DNS host name: dot-separated labels of letters, digits and inner hyphens, ending in a TLD. */
export const HOST_NAME_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Lowercases and strips the port and any trailing dot: `Thor.LocalHost:3000` → `thor.localhost`. */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  const name = lower.startsWith("[") ? lower.slice(0, lower.indexOf("]") + 1) : lower.split(":")[0];
  return name.endsWith(".") ? name.slice(0, -1) : name;
}

/**
 * Classifies a host against the root domain. `thor.<root>` is a subdomain tenant, `<root>` and
 * `www.<root>` are the platform, anything else may be a tenant's custom domain. Nested subdomains
 * (`a.thor.<root>`) and empty hosts route nowhere.
 */
export function classifyHost(host: string | null, rootDomain: string): HostRoute | null {
  if (!host) return null;
  const name = hostName(host);
  if (!name) return null;
  if (name === rootDomain || name === `www.${rootDomain}`) return { kind: "root" };
  if (name.endsWith(`.${rootDomain}`)) {
    const label = name.slice(0, -(rootDomain.length + 1));
    return label.includes(".") || !label ? null : { kind: "subdomain", slug: label };
  }
  return { kind: "custom", domain: name };
}

/**
 * The host a request is for. `X-Forwarded-Host` is honoured only when a trusted front proxy sets it,
 * or when the request reached us on the root domain or a loopback name: that is how Next re-fetches a
 * page after a server action's redirect (`Host: localhost:PORT`, `X-Forwarded-Host: thor.localhost:PORT`).
 * A tenant's host never takes another host's identity from a client-sent header.
 */
export function effectiveHost(
  headers: { get(name: string): string | null },
  rootDomain: string,
  trustProxy: boolean,
): string | null {
  const host = headers.get("host");
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  if (!forwarded) return host;
  if (trustProxy) return forwarded;
  const name = host ? hostName(host) : "";
  return LOOPBACK.has(name) || name === rootDomain ? forwarded : host;
}

/** `https` when the request says the client used it (a front proxy's X-Forwarded-Proto), else `http`. */
export function requestProtocol(headers: { get(name: string): string | null }): "http" | "https" {
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https" ? "https" : "http";
}

/** The base URL of a tenant's site, seen from a request on `requestHost` (keeps scheme and port). */
export function tenantOrigin(slug: string, rootDomain: string, requestHost: string, protocol = "http"): string {
  const port = requestHost.startsWith("[") ? "" : (requestHost.split(":")[1] ?? "");
  return `${protocol}://${slug}.${rootDomain}${port ? `:${port}` : ""}`;
}
