// A copy of `prisma/` with extra tenant migrations, to point MIGRATIONS_ROOT at (tests and benchmarks).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export type MigrationsRoot = { root: string; write: (name: string, sql: string) => void; remove: () => void };

export function copyMigrationsRoot(extra: Record<string, string> = {}): MigrationsRoot {
  // Inside the project, so the copied prisma.config.ts still resolves `prisma/config` (for --engine prisma).
  mkdirSync(path.resolve(".data"), { recursive: true });
  const root = mkdtempSync(path.join(path.resolve(".data"), "migrations-"));
  cpSync(path.resolve("prisma"), root, { recursive: true });
  const write = (name: string, sql: string) => {
    mkdirSync(path.join(root, "tenant", "migrations", name), { recursive: true });
    writeFileSync(path.join(root, "tenant", "migrations", name, "migration.sql"), sql);
  };
  for (const [name, sql] of Object.entries(extra)) write(name, sql);
  return { root, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}
