// e2e: a production build served by the real start script (`bin/start`) on a fresh embedded
// PostgreSQL (or, with E2E_DATABASE_URL and E2E_DIRECT_URL, a scratch database on that server: see
// e2e/database.ts), clicked through in Chromium on thor.localhost / potter.localhost.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, systemChromium } from "./e2e/browser";
import { appDatabaseEnv, E2E_DATA_DIR, externalServer } from "./e2e/database";
import { E2E_PORT } from "./e2e/http";

export const E2E_ADMIN_PASSWORD = "e2e-admin-password";
const dataDir = E2E_DATA_DIR;
const external = externalServer();

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://thor.localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: { executablePath: systemChromium(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  // E2E_KEEP_DATABASE leaves it for a look after the run (the Citus run checks where the tenants were placed).
  globalTeardown: external && !process.env.E2E_KEEP_DATABASE ? "./e2e/drop-database.ts" : undefined,
  webServer: {
    command: `rm -rf ${dataDir} && ${external ? "tsx e2e/database.ts create && " : ""}node bin/start`,
    url: `http://localhost:${E2E_PORT}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(E2E_PORT),
      DATA_DIR: dataDir,
      // A fresh embedded server whatever the shell has, unless E2E_DATABASE_URL names one.
      ...(external ? appDatabaseEnv() : { DATABASE_URL: "", DIRECT_URL: "" }),
      ROOT_DOMAIN: "localhost",
      DEMO_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
