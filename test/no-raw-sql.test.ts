// Tenant code never sends raw SQL through Prisma (see eslint.config.mjs): the lint rule is what enforces
// it, on every file, so this checks that the rule is in force and catches each form of the call.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

async function rawSqlFindings(source: string, filePath: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(source, { filePath });
  return result.messages.filter((m) => m.message.includes("Prisma raw SQL")).map((m) => `${m.line}:${m.column}`);
}

describe("the raw-SQL lint rule", () => {
  it("flags every raw query API, tagged or called, in any folder", async () => {
    const planted = [
      "declare const db: any; declare const q: string;",
      "db.$queryRaw`SELECT 1`;",
      "await db.$executeRawUnsafe(q);",
      "db.$queryRawUnsafe(q); db.$executeRaw`x`;",
      "db['$queryRaw'];",
    ].join("\n");
    for (const file of ["lib/polls/planted.ts", "app/api/planted/route.ts", "scripts/planted.ts", "lib/new-folder/planted.ts"]) {
      expect(await rawSqlFindings(planted, file)).toEqual(["2:1", "3:7", "4:1", "4:24", "5:1"]);
    }
  });

  it("leaves the query API alone", async () => {
    expect(await rawSqlFindings("declare const db: any;\ndb.poll.findMany({ select: { id: true } });", "lib/polls/planted.ts")).toEqual([]);
  });
});
