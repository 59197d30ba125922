import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; unit tests call those modules directly.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["{app,components,lib,db,scripts}/**/*.test.{ts,tsx}"],
    // `*.slow.test.ts`: large simulations and refits of many samples, run by `npm run test:slow`
    // (vitest.slow.config.ts) and by `npm test`, not by the default `vitest run`; likewise `*.pg.test.ts`, which
    // need a PostgreSQL server (`npm run test:pg`, vitest.pg.config.ts).
    exclude: ["node_modules/**", "e2e/**", ".next/**", "**/*.slow.test.{ts,tsx}", "**/*.pg.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 30_000,
    // Vitest's default is one worker less than the cores: one on a two-core machine, where many test files mostly
    // wait (child processes, servers, file locks). Two workers there: the unit tier 177 s instead of 254 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
