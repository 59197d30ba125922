import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const noApp = { group: ["@/app/*", "**/app/*"], message: "app/ holds routes only: put shared code in lib/ (README, How the code is organised)." };
const noDatabase = { group: ["@/db", "@/db/*", "better-sqlite3", "drizzle-orm", "drizzle-orm/*", "@/lib/db"], message: "Data flows one way: database -> lib/queries -> page (or a server widget) -> component props." };
// Where data is fetched (README): components get their data as props from the page; only the server widgets
// below, each placed in its own ServerWidget (Suspense, skeleton, error boundary), call a read of lib/queries.
// Types, constants and pure helpers of lib/queries stay importable everywhere.
const noReads = { group: ["@/lib/queries/*"], importNamePattern: "^(get|list|count|sum)[A-Z]", allowTypeImports: true, message: "Components receive data as props: read it in the page, or make this a server widget (README, Where data is fetched)." };
const serverWidgets = ["components/history/migration-section.tsx", "components/history/biggest-movers.tsx", "components/segments/drivers-panel.tsx", "components/states/no-snapshot.tsx"];
const noFramework = { group: ["next", "next/*", "react", "react-dom", "react/*"], message: "Pure code: no Next or React here." };

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The folder map of the README, enforced: data flows one way, and the engine and the file reader stay pure.
  // (In flat config the last matching block sets a rule, so each block repeats the rules before it.)
  {
    files: ["lib/**", "components/**", "db/**", "scripts/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noApp] }] },
  },
  {
    files: ["components/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noApp, { ...noDatabase, allowTypeImports: true }, noReads] }], "no-restricted-imports": "off" },
  },
  {
    files: serverWidgets,
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noApp, { ...noDatabase, allowTypeImports: true }] }], "no-restricted-imports": "off" },
  },
  {
    files: ["lib/clv/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [noApp, noDatabase, noFramework, { group: ["@/lib/*", "!@/lib/clv", "@/components/*"], message: "lib/clv is the engine: nothing from the application around it." }] }] },
  },
  {
    files: ["lib/import/read/**", "lib/import/platforms/**"],
    ignores: ["**/*.test.ts", "**/*.bench.ts", "**/*.test-helpers.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noApp, noDatabase, noFramework, { group: ["node:*", "@/lib/import/store*", "@/lib/import/upload*", "@/lib/queries/*"], message: "Reading files is pure and also runs in the browser: no Node modules, no storing." }] }] },
  },
  {
    files: ["lib/scoring/**"],
    ignores: ["**/*.test.ts", "**/*.test-helpers.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noApp, noDatabase, noFramework, { group: ["@/lib/recompute", "@/lib/recompute/*", "@/lib/queries/*"], message: "lib/scoring holds the pure scoring rules; the job (lib/recompute) uses them." }] }] },
  },
  {
    files: ["lib/queries/**"],
    ignores: ["**/*.test.ts", "**/*.test-helpers.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noApp, { group: ["@/lib/recompute", "@/lib/recompute/*", "@/lib/actions/*"], message: "lib/queries are reads: the recompute job and the actions use them, not the other way round." }] }] },
  },
  // An async call that nobody awaits loses its errors and its order (the data layer is asynchronous): typed rules
  // for the code that talks to the database.
  {
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "scripts/**/*.ts", "db/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    // Drizzle's query builders are thenables, not Promises: checkThenables finds an unawaited `db.update(…)`.
    rules: { "@typescript-eslint/no-floating-promises": ["error", { checkThenables: true }], "@typescript-eslint/await-thenable": "error" },
  },
  globalIgnores([".next*/**", ".build/**", ".scratch/**", "out/**", "build/**", "next-env.d.ts", "data/**", "db/migrations/**", "test-results*/**", "playwright-report*/**", "screenshots/**"]),
]);
