import "server-only";
import type { Browser } from "playwright-core";
import { chromiumPath } from "./chromium-path";
import { createBoundedQueue, type BoundedQueue } from "./print-queue";
import { createSharedBrowser, type SharedBrowser } from "./shared-browser";

/**
 * Prints /report to PDF with the server's headless Chromium (A4 landscape, the print CSS of /report).
 * One browser per server process (lib/export/shared-browser.ts: launched on first use, again if it died,
 * closed after a minute without PDFs), two reports printed at a time and four waiting
 * (lib/export/print-queue.ts); a fifth waiting request gets QueueFullError, which the route answers with
 * 503 and Retry-After. Eight separate browsers at once had made 56 processes and +1.5 GB.
 */

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"];
export const PDF_CONCURRENCY = 2;
export const PDF_MAX_WAITING = 4;
/** Seconds a refused reader is asked to wait (Retry-After): a report takes ~5-20 s, a full queue three rounds. */
export const PDF_RETRY_AFTER_SECONDS = 60;
const BROWSER_IDLE_MS = 60_000;

type Printer = { queue: BoundedQueue; browser: SharedBrowser<Browser> };
const holder = globalThis as typeof globalThis & { klantwaardeReportPrinter?: Printer };

function printer(): Printer {
  holder.klantwaardeReportPrinter ??= {
    queue: createBoundedQueue({ concurrency: PDF_CONCURRENCY, maxWaiting: PDF_MAX_WAITING }),
    browser: createSharedBrowser({
      launch: async () => (await import("playwright-core")).chromium.launch({ executablePath: chromiumPath(), args: ARGS }),
      idleMs: BROWSER_IDLE_MS,
    }),
  };
  return holder.klantwaardeReportPrinter;
}

/**
 * The report at `url` as PDF bytes, seen with `cookies` (the reader's session and language). Throws
 * QueueFullError when the printer is busy, and the browser's error when printing failed.
 */
export function printReportPdf(url: string, cookies: { name: string; value: string }[]): Promise<Buffer> {
  const { queue, browser } = printer();
  return queue.run(() =>
    browser.use(async (chromium) => {
      const context = await chromium.newContext({ colorScheme: "light" });
      try {
        const origin = new URL(url).origin;
        if (cookies.length > 0) await context.addCookies(cookies.map(({ name, value }) => ({ name, value, url: origin })));
        const page = await context.newPage();
        await page.goto(url, { waitUntil: "load", timeout: 60_000 });
        await page.waitForSelector(".report-page", { timeout: 30_000 });
        await page.waitForTimeout(800); // charts draw after hydration
        return await page.pdf({ format: "A4", landscape: true, printBackground: true, preferCSSPageSize: true });
      } finally {
        await context.close().catch(() => undefined);
      }
    }),
  );
}
