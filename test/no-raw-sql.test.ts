// Tenant code never sends raw SQL: a tenant client's raw query is not schema-qualified, so it would run
// against whatever schema the connection's search_path names, not the tenant's. Only Prisma's query
// API (which names "<tenant>"."Table" in every statement) may reach tenant data.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const TENANT_CODE = ["app/[tenant]", "app/api", "lib/polls", "lib/api", "lib/auth", "lib/tenancy/context.ts", "lib/tenancy/tenant-db.ts"];
const RAW_SQL = /\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)\b/g;

function sourceFiles(entry: string): string[] {
  if (!statSync(entry).isDirectory()) return /\.tsx?$/.test(entry) ? [entry] : [];
  return readdirSync(entry).flatMap((name) => sourceFiles(path.join(entry, name)));
}

/** `file:line: $queryRaw…` for every raw query in the given source text. */
export function findRawSql(file: string, source: string): string[] {
  return source.split("\n").flatMap((line, index) => [...line.matchAll(RAW_SQL)].map((m) => `${file}:${index + 1}: ${m[0]}`));
}

describe("tenant code", () => {
  it("the scanner finds each raw query API, tagged or called", () => {
    const planted = "db.$queryRaw`SELECT 1`;\nawait db.$executeRawUnsafe(sql);\ndb.$queryRawUnsafe(q); db.$executeRaw`x`";
    expect(findRawSql("x.ts", planted)).toEqual([
      "x.ts:1: $queryRaw",
      "x.ts:2: $executeRawUnsafe",
      "x.ts:3: $queryRawUnsafe",
      "x.ts:3: $executeRaw",
    ]);
  });

  it("uses no $queryRaw, $executeRaw or their Unsafe forms", () => {
    const files = TENANT_CODE.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(40); // the scan really reads the tenant code
    expect(files.flatMap((file) => findRawSql(file, readFileSync(file, "utf8")))).toEqual([]);
  });
});
