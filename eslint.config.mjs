import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// A tenant client's raw query is not schema-qualified: it runs in whatever schema the connection's
// search_path names, not the tenant's. Only Prisma's query API (which names "<tenant>"."Table" in every
// statement) may reach tenant data, so Prisma's raw-SQL methods are refused everywhere; platform code that
// needs SQL uses a pg pool and quotes schema names itself.
const noPrismaRawSql = {
  selector: ["name", "value"].map((key) => `MemberExpression[property.${key}=/^\\$(queryRaw|executeRaw)(Unsafe)?$/]`).join(", "),
  message: "Prisma raw SQL is not schema-qualified; use the query API (tenant data) or a pg pool with quoteIdent (platform).",
};

// The tenancy core is a module with four entry points, one per job (decision 041): the outside imports
// `@/lib/tenancy` (serving a request), `@/lib/tenancy/next` (the request helpers that need Next),
// `@/lib/tenancy/manage` (changing tenants) or `@/lib/tenancy/operations` (the fleet CLIs), and the core knows
// nothing of the app built on it. test/entry-points.ts lists the same four. Tests may reach into internals they test.
const TEST_FILES = ["**/*.test.ts", "test/**", "e2e/**", "bench/**"];

const noDeepTenancyImport = {
  regex: "(^@/|(^|/)\\.\\.?/)(.*/)?lib/tenancy/(?!(next|manage|operations)$)",
  message: "Import the tenancy core from @/lib/tenancy (or @/lib/tenancy/next, @/lib/tenancy/manage, @/lib/tenancy/operations); its other modules are internal.",
};

const noAppImportFromCore = {
  regex: "^@/(lib/(auth|polls|api|platform|seed)|app)(/|$)",
  message: "The tenancy core must not depend on the app built on it (lib/auth, lib/polls, lib/api, lib/platform, lib/seed, app/).",
};

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".build/**", "lib/generated/**", "node_modules/**", ".data/**", "playwright-report/**", "test-results/**", "next-env.d.ts"] },
  { rules: { "no-restricted-syntax": ["error", noPrismaRawSql] } },
  // The one audited exception: the core's NOTIFY and clock read on a tenant's transaction, bind
  // parameters only and no table named (decision 032). Nothing else in lib/tenancy may use raw SQL.
  { files: ["lib/tenancy/tenant-events.ts"], rules: { "no-restricted-syntax": "off" } },
  {
    ignores: ["lib/tenancy/**", ...TEST_FILES],
    rules: { "no-restricted-imports": ["error", { patterns: [noDeepTenancyImport] }] },
  },
  {
    files: ["lib/tenancy/**"],
    ignores: TEST_FILES,
    rules: { "no-restricted-imports": ["error", { patterns: [noAppImportFromCore] }] },
  },
];

export default config;
