import { lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded";

describe("startEmbeddedPostgres", () => {
  // As root the server runs as `postgres`, which cannot walk into a folder only root may enter
  // (`mktemp -d` makes one): the cluster must still start, and be found where it was asked for.
  it.skipIf(process.getuid?.() !== 0)("starts inside a folder only root can enter", async () => {
    const closed = mkdtempSync(path.join(tmpdir(), "polls-closed-")); // mode 0700
    const dataDir = path.join(closed, "data", "postgres");
    const server = await startEmbeddedPostgres({ dataDir, database: "probe" });
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      expect((await client.query("SELECT current_database() AS db")).rows[0].db).toBe("probe");
      await client.end();
      expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
      expect(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[3].trim()).toBe(String(server.port));
    } finally {
      await server.stop();
      rmSync(realpathSync(dataDir), { recursive: true, force: true });
      rmSync(closed, { recursive: true, force: true });
    }
  });
});
