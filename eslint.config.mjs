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

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".build/**", "lib/generated/**", "node_modules/**", ".data/**", "playwright-report/**", "test-results/**", "next-env.d.ts"] },
  { rules: { "no-restricted-syntax": ["error", noPrismaRawSql] } },
];

export default config;
