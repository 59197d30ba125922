import { expect, test, type Page } from "@playwright/test";
import { buildZipBomb } from "../lib/testing/zip-bomb";
import { E2E_PORTS } from "../playwright.config";


/**
 * A workbook is read in a Web Worker, and unpacking stops at a bound (issue 16, item 4: a 1.1 MB zip bomb
 * froze the tab for 170 s at 4.5 GB). The import server accepts files up to 1 MB, so it unpacks at most 8 MB
 * of a workbook. Nothing is imported: the page refuses the file before anything is sent.
 */
test.use({ baseURL: `http://127.0.0.1:${E2E_PORTS.imports}` });

const MB = 1024 * 1024;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Watched = Window & { longestTaskMs: number };

/**
 * Starts measuring, in the page, the longest task its main thread ran (the browser's long-task timing:
 * tasks over 50 ms). Unpacking on the main thread would be one task of seconds. A timer that does not fire
 * in time measured the machine's load too (a busy CI machine once stalled the page 2.4 s with nothing of
 * ours running); the length of the tasks themselves is what unpacking in the page would make long.
 */
async function watchMainThread(page: Page): Promise<void> {
  await page.evaluate(() => {
    const watched = window as unknown as Watched;
    watched.longestTaskMs = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) watched.longestTaskMs = Math.max(watched.longestTaskMs, entry.duration);
    }).observe({ type: "longtask" });
  });
}

for (const declareSizes of [true, false]) {
  test(`a zip bomb (${declareSizes ? "declaring" : "hiding"} its size) gets a clear message and the page stays responsive`, async ({ page }) => {
    // ~260 KB that unpacks to 256 MB.
    const bomb = buildZipBomb({ inflatedBytes: 256 * MB, declareSizes });
    expect(bomb.length).toBeLessThan(MB);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // The worker's script and chunks load under the Content Security Policy (worker-src 'self').
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) errors.push(message.text());
    });
    await page.goto("/import");
    const dataTransfer = await page.evaluateHandle(
      ({ base64, type }) => {
        const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], "bom.xlsx", { type }));
        return transfer;
      },
      { base64: bomb.toString("base64"), type: XLSX },
    );
    await watchMainThread(page);
    await page.getByTestId("import-dropzone").dispatchEvent("drop", { dataTransfer });
    await expect(page.getByRole("alert").filter({ hasText: "bom.xlsx" })).toHaveText(
      "'bom.xlsx' expands to more than 8 MB when unpacked, more than can be read here. Save the sheet as CSV (in Excel: Save As, 'CSV UTF-8') and import that.",
      { timeout: 30_000 },
    );
    // Unpacking ran in the worker: the page's own thread never stalled (before: 30 s and more for this file).
    expect(await page.evaluate(() => (window as unknown as Watched).longestTaskMs)).toBeLessThan(1_000);
    // Still usable: another file can be chosen at once.
    await page.getByLabel("File to import").setInputFiles({ name: "klein.csv", mimeType: "text/csv", buffer: Buffer.from("klantnummer;datum;bedrag\nK1;01-01-2025;1,00\n") });
    await expect(page.getByTestId("chosen-file")).toContainText("klein.csv");
    expect(errors).toEqual([]);
  });
}
