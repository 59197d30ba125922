/**
 * Takes full-page screenshots of the app's pages in light and dark theme, for people to look at.
 * Usage: npm run screenshots -- [--base-url http://127.0.0.1:3000] [--out screenshots] [--locale nl]
 *        [--email E --password P] [PATH ...]
 * Signs in first (default: the browser tests' admin, whom scripts/e2e-server.ts creates); `--email ""` stays signed out.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { E2E_USERS } from "../e2e/auth-users";
import { chromiumPath } from "../lib/export/chromium-path";

const { values, positionals } = parseArgs({
  options: {
    "base-url": { type: "string", default: "http://127.0.0.1:3000" },
    out: { type: "string", default: "screenshots" },
    locale: { type: "string", default: "en" },
    email: { type: "string", default: E2E_USERS.admin.email },
    password: { type: "string", default: E2E_USERS.admin.password },
  },
  allowPositionals: true,
});
const pages = positionals.length > 0 ? positionals : ["/"];
const outDir = path.resolve(values.out!);
fs.mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
});
try {
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
    await context.addCookies([{ name: "NEXT_LOCALE", value: values.locale!, url: values["base-url"]! }]);
    if (values.email) {
      const origin = new URL(values["base-url"]!).origin;
      const response = await context.request.post(`${origin}/api/auth/sign-in/email`, {
        data: { email: values.email, password: values.password },
        headers: { Origin: origin },
      });
      if (!response.ok()) console.warn(`Signing in as ${values.email} failed (${response.status()}); the pages are taken signed out.`);
    }
    const page = await context.newPage();
    for (const pagePath of pages) {
      // Not "networkidle": pages that poll (recompute status) or prefetch links never go idle.
      await page.goto(new URL(pagePath, values["base-url"]).toString(), { waitUntil: "load", timeout: 60_000 });
      await page.waitForTimeout(1500); // charts draw after hydration
      const name = pagePath.replace(/^\/$/, "overview").replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");
      const file = path.join(outDir, `${name}-${values.locale}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
