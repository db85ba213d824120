// The Content-Security-Policy (the other security headers are static, in next.config.js). It carries a fresh
// nonce per request: Next reads it from the request's CSP header and puts it on its own scripts.

/**
 * What a page may do beyond the defaults: load its tenant's logo origin (https only, checked by the caller),
 * and, on the API reference page alone, evaluate code (decision 029: Scalar compiles validators at run time).
 */
export type CspAdditions = { imgOrigins?: string[]; allowEval?: boolean };

export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV !== "production", additions: CspAdditions = {}): string {
  const imgOrigins = (additions.imgOrigins ?? []).filter((origin) => /^https:\/\/[a-z0-9.-]+(?::\d+)?$/.test(origin));
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev || additions.allowEval ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'", // style attributes (result bars' widths)
    ["img-src 'self' data: blob:", ...imgOrigins].join(" "),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
