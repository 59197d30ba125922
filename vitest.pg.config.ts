/**
 * The PostgreSQL tier of the unit tests: `*.pg.test.ts` files, against a real PostgreSQL server that
 * lib/testing/postgres-global-setup.ts starts for the run (Debian's postgresql, installed when missing) and
 * stops afterwards. `npm run test:pg`; `npm test` runs it after `test:unit`.
 */
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["{app,components,lib,db,scripts}/**/*.pg.test.{ts,tsx}"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    globalSetup: ["./lib/testing/postgres-global-setup.ts"],
  },
});
