import { NextResponse, type NextRequest } from "next/server";
import { apiDenied } from "@/lib/auth/session";

/** The Chromium the browser tests use (Debian's); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"];

/** Where this server listens: `next start` records it once it listens (PORT always; the full origin too). */
function serverOrigin(): string | null {
  const recorded = process.env.__NEXT_PRIVATE_ORIGIN;
  if (recorded && /^https?:\/\/[^/]+$/.test(recorded)) return recorded;
  const port = process.env.PORT;
  return port && /^\d+$/.test(port) ? `http://127.0.0.1:${port}` : null;
}

/**
 * `GET /report/pdf?snapshot=12`: the report printed to PDF by a headless Chromium on the server (A4
 * landscape, the print CSS of /report). Without Chromium it sends the reader back to /report, which says
 * to use the browser's "Save as PDF".
 */
export async function GET(request: NextRequest) {
  const refused = await apiDenied(request, "export"); // 401 without a session, 403 without the permission
  if (refused) return refused;
  const snapshot = request.nextUrl.searchParams.get("snapshot");
  const query = snapshot && /^\d+$/.test(snapshot) ? `?snapshot=${snapshot}` : "";
  // The server's own address, never the request's Host header: a forged Host would make the server's
  // Chromium open (and print) any page the sender names.
  const origin = serverOrigin() ?? request.nextUrl.origin;
  let browser: import("playwright-core").Browser | null = null;
  try {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const context = await browser.newContext({ colorScheme: "light" });
    // The reader's cookies (language, session): the printing browser sees /report as they do.
    const cookies = request.cookies.getAll().map(({ name, value }) => ({ name, value, url: origin }));
    if (cookies.length > 0) await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${origin}/report${query}`, { waitUntil: "load", timeout: 60_000 });
    await page.waitForSelector(".report-page", { timeout: 30_000 });
    await page.waitForTimeout(800); // charts draw after hydration
    const pdf = await page.pdf({ format: "A4", landscape: true, printBackground: true, preferCSSPageSize: true });
    const date = new Date().toISOString().slice(0, 10);
    return new NextResponse(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="klantwaarde-report-${date}.pdf"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    console.error("[report] the PDF could not be made", error);
    const reason = error instanceof Error && /executable|ENOENT|spawn/i.test(error.message) ? "no-chromium" : "failed";
    return NextResponse.redirect(new URL(`/report${query}${query ? "&" : "?"}pdf=${reason}`, request.nextUrl.origin), 303);
  } finally {
    await browser?.close();
  }
}
