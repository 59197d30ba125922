/**
 * The PostgreSQL tier of the unit tests, against a real PostgreSQL server that lib/testing/postgres-global-setup.ts
 * starts for the run (Debian's postgresql, installed when missing) and stops afterwards: the `*.pg.test.ts` files,
 * and the engine-neutral database tests of ENGINE_TESTS again, with their test databases on PostgreSQL
 * (lib/testing/test-database.ts). `npm run test:pg`; `npm test` runs it after `test:unit`.
 */
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/** Tests that open their databases with openTestDatabase() and so run on both engines. */
export const ENGINE_TESTS = [
  "db/transaction.test.ts",
  "lib/import/store/rejected-rows-kept.test.ts",
  "lib/queries/overview.test.ts",
  "lib/queries/audit-events.test.ts",
  "lib/queries/decision-notes.test.ts",
  "lib/queries/model.test.ts",
  "lib/queries/quadrant-map.test.ts",
  "lib/queries/quadrant-point.test.ts",
  "lib/queries/cohorts.test.ts",
  "lib/queries/customer-filter-sql.test.ts",
  "lib/queries/customer-profile.test.ts",
  "lib/queries/customer-scores.test.ts",
  "lib/queries/filter-options.test.ts",
  "lib/queries/purchase-rows.test.ts",
  "lib/queries/segments.test.ts",
  "lib/queries/snapshot-overview.test.ts",
  "lib/queries/snapshot-compare.test.ts",
  "lib/privacy/customer-data.test.ts",
  "lib/privacy/erase-customer.test.ts",
  "lib/privacy/masking-queries.test.ts",
  "db/seed/seed-demo-company.test.ts",
  "lib/recompute/recompute.test.ts",
  "lib/recompute/cohort-figures.test.ts",
  "lib/recompute/load-transactions.test.ts",
  "lib/recompute/queue-lease.test.ts",
  "lib/queries/support.test.ts",
  "lib/auth/users.test.ts",
  "lib/auth/auth.test.ts",
  "scripts/clv.test.ts",
  "scripts/commands/customer.test.ts",
  "lib/import/store/import-outcomes.test.ts",
  "lib/import/store/refunded-orders.test.ts",
  "lib/import/store/data-version.test.ts",
  "lib/queries/imports.test.ts",
  "lib/import/store/run-import.test.ts",
  "lib/import/store/order-changes.test.ts",
];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["{app,components,lib,db,scripts}/**/*.pg.test.{ts,tsx}", ...ENGINE_TESTS],
    env: { KLANTWAARDE_TEST_ENGINE: "postgres" },
    // A test file's set-up seeds and scores a demo company over the network, with the other files' set-ups on the
    // same server and cores: slower than SQLite in memory, and not what the tests measure.
    hookTimeout: 120_000,
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    globalSetup: ["./lib/testing/postgres-global-setup.ts"],
  },
});
