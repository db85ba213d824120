import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React Server Components; tests import server modules directly.
      "server-only": path.resolve(__dirname, "test/server-only.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // The worker's own database, then the app's configuration of the tenancy core, as every entry point has it.
    setupFiles: ["test/worker-database.ts", "lib/config.ts"],
    pool: "forks",
    // Vitest's own default, made explicit: test/global-setup.ts makes one database per worker.
    maxWorkers: Math.max(availableParallelism() - 1, 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
