import { defineConfig, devices } from "@playwright/test";
import { e2eStorageState } from "./e2e/auth-users";
import { chromiumPath } from "./lib/export/chromium-path";

/**
 * Browser tests against the production build (`next build` runs first, see `npm run test:e2e`), in
 * Debian's Chromium (its headless shell when installed: lib/export/chromium-path.ts). Four servers: one on a
 * seeded demo database, one on an empty database, one for the import tests (they change its data; its upload
 * limit is 1 MB so the limit can be tested), and a seeded one whose snapshots a test replaces.
 */
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

/**
 * Ports of the three servers. E2E_PORT_BASE moves them (and their databases) so that two checkouts or two
 * builds (NEXT_DIST_DIR) can run their browser tests at the same time.
 */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
export const E2E_PORTS = { seeded: portBase, empty: portBase + 1, imports: portBase + 2, snapshots: portBase + 3 } as const;
/** A server with no users at all (the first-run page, /setup); e2e/auth.spec.ts creates its admin. */
export const E2E_SETUP_PORT = portBase + 5; // (+4, +6, +7 and +10: the own servers of the security, settings, limits and privacy specs)
/** The database of the server whose snapshots a test replaces (presentation mode stays on its own). */
export const E2E_SNAPSHOTS_DATABASE = `${portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`}/snapshots.db`;
const databaseFolder = portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`;
/** The admin's signed-in state on every server (written by e2e/auth.setup.ts before the other specs run). */
export const E2E_STORAGE_STATE = e2eStorageState(portBase);
/** IMPORT_MAX_BYTES of the import server. */
export const E2E_IMPORT_MAX_BYTES = 1024 * 1024;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: `playwright-report${portBase === 3100 ? "" : `-${portBase}`}` }]],
  outputDir: `test-results${portBase === 3100 ? "" : `-${portBase}`}`,
  timeout: 30_000,
  // Charts draw after hydration; on a busy 2-core machine that took more than the default 5 s (CI flakes).
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORTS.seeded}`,
    // In CI a failing test runs again with a trace (recording one for every test made the suites ~15% slower).
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: chromiumArgs,
    },
  },
  projects: [
    // Signs the test admin in on every server; the specs then run signed in (e2e/auth.spec.ts signs out).
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 }, storageState: E2E_STORAGE_STATE },
    },
  ],
  webServer: [
    {
      command: `tsx --conditions=react-server scripts/e2e-server.ts --port ${E2E_PORTS.seeded} --database ${databaseFolder}/seeded.db --seeded`,
      url: `http://127.0.0.1:${E2E_PORTS.seeded}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    {
      command: `tsx --conditions=react-server scripts/e2e-server.ts --port ${E2E_PORTS.empty} --database ${databaseFolder}/empty.db`,
      url: `http://127.0.0.1:${E2E_PORTS.empty}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    {
      command: `tsx --conditions=react-server scripts/e2e-server.ts --port ${E2E_PORTS.imports} --database ${databaseFolder}/imports.db`,
      url: `http://127.0.0.1:${E2E_PORTS.imports}/api/health`,
      env: { IMPORT_MAX_BYTES: String(E2E_IMPORT_MAX_BYTES) },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    {
      command: `tsx --conditions=react-server scripts/e2e-server.ts --port ${E2E_PORTS.snapshots} --database ${E2E_SNAPSHOTS_DATABASE} --seeded`,
      url: `http://127.0.0.1:${E2E_PORTS.snapshots}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    {
      command: `tsx --conditions=react-server scripts/e2e-server.ts --port ${E2E_SETUP_PORT} --database ${databaseFolder}/setup.db --no-users`,
      url: `http://127.0.0.1:${E2E_SETUP_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
  ],
});
