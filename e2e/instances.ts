// A second app instance for e2e: another `next start` of the same build on a free port, on the same
// database as the one playwright.config.ts starts (e2e/database.ts finds it).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import http from "node:http";
import { appDatabaseEnv, E2E_DATA_DIR } from "./database";

export type AppInstance = { port: number; stop: () => Promise<void> };

const DATA_DIR = path.resolve(E2E_DATA_DIR);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startSecondInstance(): Promise<AppInstance> {
  const port = await freePort();
  const child: ChildProcess = spawn(path.resolve("node_modules/next/dist/bin/next"), ["start", "-p", String(port)], {
    env: {
      ...process.env,
      ...appDatabaseEnv(),
      ROOT_DOMAIN: "localhost",
      NEXTAUTH_SECRET: readFileSync(path.join(DATA_DIR, "auth-secret"), "utf8").trim(),
      AUTH_TRUST_HOST: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`second instance did not start on ${port}:\n${output.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", headers: { host: `localhost:${port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
  });
}
