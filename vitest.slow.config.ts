/**
 * The slow tier of the unit tests: `*.slow.test.ts` files (large simulations, refits of hundreds of samples),
 * which the default `vitest run` leaves out. `npm run test:slow`; `npm test` runs it after `test:unit`.
 * Tests that check published numbers on the CDNOW sample stay in the default tier.
 */
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// Spread, not mergeConfig: mergeConfig concatenates `include` and `exclude`, which would keep the default
// tier's exclusion of the slow files.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["{app,components,lib,db,scripts}/**/*.slow.test.{ts,tsx}"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", "**/*.pg.test.{ts,tsx}"],
    testTimeout: 120_000,
  },
});
