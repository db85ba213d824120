import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { credentialsFile, runningClusterPort } from "@/lib/db/local-server";

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

describe("credentialsFile", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "polls-data-"));
    dirs.push(dir);
    return dir;
  };

  it("gives every database its own files, so one database's passwords never overwrite another's", () => {
    const dir = dataDir();
    const one = credentialsFile(dir, "demo", "postgresql://postgres@127.0.0.1:5432/one");
    const other = credentialsFile(dir, "demo", "postgresql://postgres@127.0.0.1:5432/other");
    const elsewhere = credentialsFile(dir, "demo", "postgresql://postgres@127.0.0.1:5433/one");
    expect(new Set([one, other, elsewhere]).size).toBe(3);
    expect(path.dirname(one)).toBe(dir);
    expect(path.basename(one)).toMatch(/^demo-credentials-[0-9a-f]{8}\.json$/);
    expect(credentialsFile(dir, "platform", "postgresql://postgres@127.0.0.1:5432/one")).not.toBe(one);
  });

  it("names the database, not how it is reached: user, password, parameters and the default port change nothing", () => {
    const dir = dataDir();
    const file = credentialsFile(dir, "platform", "postgresql://postgres@127.0.0.1:5432/polls");
    expect(credentialsFile(dir, "platform", "postgresql://app:secret@127.0.0.1/polls?sslmode=disable&schema=public")).toBe(file);
    expect(path.basename(file)).not.toMatch(/secret|polls/);
  });

  it("keeps the embedded cluster's at the plain names, whatever port it started on", () => {
    const dir = dataDir();
    mkdirSync(path.join(dir, "postgres"));
    writeFileSync(path.join(dir, "postgres", "postmaster.pid"), `${process.pid}\n${dir}\n1700000000\n54329\n/tmp\n127.0.0.1\n`);
    expect(credentialsFile(dir, "demo", "postgresql://postgres:postgres@127.0.0.1:54329/polls")).toBe(path.join(dir, "demo-credentials.json"));
    expect(credentialsFile(dir, "platform", "postgresql://postgres:postgres@127.0.0.1:54329/polls")).toBe(path.join(dir, "platform-credentials.json"));
    // The same database name on another server is not the embedded cluster's.
    expect(credentialsFile(dir, "demo", "postgresql://postgres:postgres@127.0.0.1:5432/polls")).not.toBe(path.join(dir, "demo-credentials.json"));
  });
});
