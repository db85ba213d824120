// What every CLI here shares: argument parsing with one-line errors, the database for this process,
// clean shutdown, plain-text tables and prompts. Expected failures print ONE line on stderr, never a stack.
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { openLocalDatabase, type LocalDatabase } from "@/lib/db/local-server";
import { closePools, redact } from "@/lib/db/pools";
import { TenancyError } from "@/lib/tenancy";

/** Bad usage: exit code 2. */
export class UsageError extends Error {}

/** An expected failure (not found, conflict, refused): exit code 1, message only. */
export class CliError extends Error {}

/**
 * Runs a CLI's main function: loads `.env`, resolves the database when asked to, maps expected errors to
 * one stderr line and an exit code, and always closes pools (and an embedded cluster it started).
 */
export function runMain(main: (argv: string[]) => Promise<number>, options: { needsDatabase: (argv: string[]) => boolean }) {
  const argv = process.argv.slice(2);
  let database: LocalDatabase | null = null;
  const run = async (): Promise<number> => {
    if (existsSync(".env")) process.loadEnvFile(".env");
    if (options.needsDatabase(argv)) database = await openLocalDatabase({ reuseRunning: true });
    return main(argv);
  };
  run()
    .catch((error: unknown) => {
      const [message, code] = describeError(error);
      process.stderr.write(`error: ${message}\n`);
      return code;
    })
    .then(async (code) => {
      await closePools().catch(() => {});
      await database?.stop().catch(() => {});
      process.exit(code);
    });
}

function describeError(error: unknown): [string, number] {
  if (error instanceof UsageError) return [`${error.message} (see --help)`, 2];
  if (error instanceof CliError) return [error.message, 1];
  if (error instanceof TenancyError) return [error.message, error.code === "invalid" ? 2 : 1];
  if (error instanceof z.ZodError) return [error.issues[0]?.message ?? "invalid input", 2];
  const pgError = error as { code?: string; message?: string; clientVersion?: unknown };
  if (pgError?.code === "ECONNREFUSED") return [`cannot connect to PostgreSQL at ${databaseHost()}`, 1];
  if (pgError?.code === "42P01" || pgError?.code === "P2021") {
    return ["the shared schema is not migrated yet: run `npm run migrate -- --shared` first", 1];
  }
  if (pgError?.code === "P2002") return ["that name is already taken", 1];
  const message = error instanceof Error ? error.message : String(error);
  return [firstLine(message), 1];
}

function databaseHost(): string {
  return process.env.DATABASE_URL ? redact(process.env.DATABASE_URL) : "(DATABASE_URL unset)";
}

function firstLine(text: string): string {
  return text.split("\n").map((l) => l.trim()).find(Boolean) ?? "unexpected error";
}

/** `util.parseArgs`, with its long TypeErrors turned into one-line usage errors. */
export function parseCommandLine<T extends ParseArgsConfig["options"]>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(firstLine(error instanceof Error ? error.message : String(error)).split(". ")[0]);
  }
}

/** Validates parsed arguments with zod; the first problem becomes the usage error. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ` : "";
    throw new UsageError(`${where}${issue.message}`);
  }
  return result.data;
}

/** A plain-text table with aligned columns. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Asks a question on the terminal; `hidden` does not echo what is typed (passwords). */
export function prompt(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    output._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stderr.write(question);
    };
  }
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write("\n");
      resolve(answer);
    }),
  );
}

export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}
