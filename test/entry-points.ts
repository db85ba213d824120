// The tenancy core's entry points and the names each exports (types included), read from their source with
// TypeScript's parser alone (no type-checking, so it takes milliseconds). Run it to count them:
//   npx tsx test/entry-points.ts
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Every import path the outside may use, and the file behind it; eslint.config.mjs allows these only. */
export const ENTRY_POINTS = {
  "@/lib/tenancy": "index.ts",
  "@/lib/tenancy/next": "next.ts",
  "@/lib/tenancy/manage": "manage.ts",
  "@/lib/tenancy/operations": "operations.ts",
} as const;

const hasExportModifier = (node: ts.Node) => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The names a module exports, sorted; `export *` is refused, since it would hide what the surface holds. */
export function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause || !ts.isNamedExports(statement.exportClause)) throw new Error(`${file}: export * is not allowed on an entry point`);
      names.push(...statement.exportClause.elements.map((element) => element.name.text));
    } else if (hasExportModifier(statement)) {
      if (ts.isVariableStatement(statement)) names.push(...statement.declarationList.declarations.map((d) => d.name.getText(source)));
      else if ("name" in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) names.push((statement.name as ts.Identifier).text);
    }
  }
  return names.sort();
}

export function entryPointNames(tenancyDir: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(ENTRY_POINTS).map(([specifier, file]) => [specifier, exportedNames(path.join(tenancyDir, file))]));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, "../lib/tenancy"));
  for (const [specifier, file] of Object.entries(ENTRY_POINTS)) {
    let names: string[];
    try {
      names = exportedNames(path.join(dir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      console.log(`${specifier.padEnd(26)} (none)`);
      continue;
    }
    console.log(`${specifier.padEnd(26)} ${String(names.length).padStart(2)}  ${names.join(", ")}`);
  }
}
