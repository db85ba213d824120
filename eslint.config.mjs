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

// The tenancy core is a module with one surface: the outside imports `@/lib/tenancy` (or `@/lib/tenancy/next`
// for the request helpers that need Next, `@/lib/tenancy/operations` for the fleet CLIs), and the core knows nothing of the app built on it. Tests may
// reach into internals they test.
const TEST_FILES = ["**/*.test.ts", "test/**", "e2e/**", "bench/**"];

const noDeepTenancyImport = {
  regex: "(^@/|(^|/)\\.\\.?/)(.*/)?lib/tenancy/(?!(next|operations)$)",
  message: "Import the tenancy core from @/lib/tenancy (or @/lib/tenancy/next, @/lib/tenancy/operations); its other modules are internal.",
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
