import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  globalIgnores([".next*/**", ".scratch/**", "out/**", "build/**", "next-env.d.ts", "data/**", "db/migrations/**", "test-results*/**", "playwright-report*/**", "screenshots/**"]),
]);
