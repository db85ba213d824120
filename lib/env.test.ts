import { afterEach, describe, expect, it, vi } from "vitest";

// env.ts reads NODE_ENV when it loads, so each case loads a fresh copy under its own environment.
async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value as string);
  return import("@/lib/env");
}

describe("environment", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("refuses a production server without NEXTAUTH_SECRET, naming it", async () => {
    const { checkServerEnv } = await loadEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: undefined });
    expect(() => checkServerEnv()).toThrow(/NEXTAUTH_SECRET: required in production/);
  });

  it("refuses a short secret in production", async () => {
    const { checkServerEnv } = await loadEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "short" });
    expect(() => checkServerEnv()).toThrow(/NEXTAUTH_SECRET: at least 32 characters/);
  });

  it("accepts a production server with a secret, and a development one without", async () => {
    const production = await loadEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) });
    expect(() => production.checkServerEnv()).not.toThrow();
    const development = await loadEnv({ NODE_ENV: "development", NEXTAUTH_SECRET: undefined });
    expect(() => development.checkServerEnv()).not.toThrow();
  });

  it("names a malformed shared variable", async () => {
    const { env } = await loadEnv({ DATABASE_URL: "mysql://somewhere/db" });
    expect(() => env()).toThrow(/Invalid environment: DATABASE_URL/);
  });
});
