import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { runningClusterPort } from "@/lib/db/local-server";

describe("runningClusterPort", () => {
  const dirs: string[] = [];
  const dataDirWithPidFile = (pid: number, port: number) => {
    const dir = mkdtempSync(path.join(tmpdir(), "polls-pidfile-"));
    dirs.push(dir);
    // postmaster.pid: pid, data directory, start time, port, socket directory, ...
    writeFileSync(path.join(dir, "postmaster.pid"), `${pid}\n${dir}\n1700000000\n${port}\n/tmp\n127.0.0.1\n`);
    return dir;
  };

  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("reads the port of a live postmaster from line 4", () => {
    expect(runningClusterPort(dataDirWithPidFile(process.pid, 54329))).toBe(54329);
  });

  it("ignores a pid file left by a postmaster that is gone", async () => {
    const child = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => child.on("exit", resolve));
    expect(runningClusterPort(dataDirWithPidFile(child.pid!, 54329))).toBeNull();
  });

  it("returns null without a pid file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "polls-pidfile-"));
    dirs.push(dir);
    expect(runningClusterPort(dir)).toBeNull();
  });
});
