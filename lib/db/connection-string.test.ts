import { describe, expect, it } from "vitest";
import { parseConnectionString, tenantConnectionString } from "@/lib/db/connection-string";

describe("tenant connection strings", () => {
  it("bind a schema with ?schema= and split it back off, keeping other parameters", () => {
    const url = tenantConnectionString("postgresql://app:secret@db.internal:5432/polls?sslmode=require", "thor");
    expect(url).toBe("postgresql://app:secret@db.internal:5432/polls?sslmode=require&schema=thor");
    expect(parseConnectionString(url)).toEqual({
      serverUrl: "postgresql://app:secret@db.internal:5432/polls?sslmode=require",
      schema: "thor",
      directUrl: "postgresql://app:secret@db.internal:5432/polls?sslmode=require",
    });
  });

  it("split off a `direct` companion: the server past the pooler, for LISTEN and migrations", () => {
    const direct = encodeURIComponent("postgresql://app:secret@db2.internal:5432/polls?schema=ignored");
    const binding = parseConnectionString(`postgresql://app:secret@bouncer:6543/polls?direct=${direct}&schema=thor`);
    expect(binding).toEqual({
      serverUrl: "postgresql://app:secret@bouncer:6543/polls",
      schema: "thor",
      directUrl: "postgresql://app:secret@db2.internal:5432/polls",
    });
  });

  it("defaults to the public schema", () => {
    expect(parseConnectionString("postgresql://localhost/polls").schema).toBe("public");
  });

  it("gives every tenant on a server the same server URL, hence the same pool", () => {
    const server = "postgresql://localhost:5432/polls";
    const thor = parseConnectionString(tenantConnectionString(server, "thor"));
    const potter = parseConnectionString(tenantConnectionString(server, "potter"));
    expect(thor.serverUrl).toBe(potter.serverUrl);
  });
});
