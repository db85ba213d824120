// Runs the real CLIs as a user would (`bin/<name>`: the compiled scripts/<name>.ts on plain node), and
// captures what they print.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";

export type CliResult = { code: number | null; stdout: string; stderr: string };


export function spawnCli(script: "tenants" | "migrate", args: string[], env: Record<string, string | undefined> = {}): ChildProcessWithoutNullStreams {
  // One process (the launcher imports the bundle), so a signal reaches the CLI itself.
  return spawn(process.execPath, [path.resolve("bin", script), ...args], {
    // A run on another database must not inherit this one's DIRECT_URL (its migrations would land here).
    env: { ...process.env, NODE_OPTIONS: "", ...("DATABASE_URL" in env && { DIRECT_URL: "" }), ...env },
    stdio: "pipe",
  });
}

export function runCli(script: "tenants" | "migrate", args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const child = spawnCli(script, args, env);
  child.stdin.end();
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** An expected failure: a non-zero exit and exactly one readable line on stderr, no stack trace. */
export function expectOneLineError(result: CliResult): string {
  const lines = result.stderr.trimEnd().split("\n");
  if (result.code === 0 || lines.length !== 1 || !lines[0].startsWith("error: ") || /\bat .+:\d+:\d+/.test(result.stderr)) {
    throw new Error(`expected a one-line error, got exit ${result.code}:\n${result.stderr}`);
  }
  return lines[0];
}
