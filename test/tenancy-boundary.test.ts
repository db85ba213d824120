// The tenancy core's boundary (see eslint.config.mjs): the outside imports its surface only, and the core
// imports nothing of the app built on it. This checks that the rule is in force in both directions.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { ENTRY_POINTS } from "./entry-points";

async function boundaryFindings(source: string, filePath: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => `${m.line}:${m.column}`);
}

describe("the tenancy boundary lint rule", () => {
  it("flags a deep import of the core from outside it", async () => {
    const planted = [
      'import { tenantDb } from "@/lib/tenancy/tenant-db";',
      'import type { Tenant } from "@/lib/tenancy/registry";',
      'export { siteOf } from "@/lib/tenancy/site";',
      'import { quoteIdent } from "../../lib/tenancy/schema-name";',
    ].join("\n");
    for (const file of ["app/api/planted/route.ts", "lib/polls/planted.ts", "scripts/planted.ts", "proxy.ts"]) {
      expect(await boundaryFindings(planted, file)).toEqual(["1:1", "2:1", "3:1", "4:1"]);
    }
  });

  it("lets the outside import each entry point, and nothing beside them", async () => {
    const proper = Object.keys(ENTRY_POINTS).map((specifier, i) => `import * as entry${i} from "${specifier}";`);
    expect(proper).toHaveLength(4);
    for (const file of ["app/[tenant]/planted/page.tsx", "lib/platform/planted.ts", "scripts/planted.ts"]) {
      expect(await boundaryFindings(proper.join("\n"), file)).toEqual([]);
    }
    const nearby = ['import * as deep from "@/lib/tenancy/manage/x";', 'import * as near from "@/lib/tenancy/managed";'].join("\n");
    expect(await boundaryFindings(nearby, "lib/platform/planted.ts")).toEqual(["1:1", "2:1"]);
  });

  it("lets tests reach the internals they test", async () => {
    const deep = 'import { tenantScope } from "@/lib/tenancy/tenant-scope";';
    for (const file of ["lib/polls/planted.test.ts", "test/planted.ts", "e2e/planted.spec.ts", "bench/planted.ts"]) {
      expect(await boundaryFindings(deep, file)).toEqual([]);
    }
  });

  it("flags an import of the app from inside the core", async () => {
    const planted = [
      'import { createUser } from "@/lib/auth/users";',
      'import { createPoll } from "@/lib/polls/mutations";',
      'import { apiError } from "@/lib/api/errors";',
      'import { platformSession } from "@/lib/platform/session";',
      'import Page from "@/app/page";',
    ].join("\n");
    expect(await boundaryFindings(planted, "lib/tenancy/planted.ts")).toEqual(["1:1", "2:1", "3:1", "4:1", "5:1"]);
  });

  it("lets the core import its own modules and lib/db", async () => {
    const proper = ['import { findTenantBySlug } from "@/lib/tenancy/registry";', 'import { poolFor } from "@/lib/db/pools";'].join("\n");
    expect(await boundaryFindings(proper, "lib/tenancy/planted.ts")).toEqual([]);
  });
});
