import { NextResponse, type NextRequest } from "next/server";
import { apiDenied } from "@/lib/auth/session";
import { QueueFullError } from "@/lib/export/print-queue";
import { PDF_RETRY_AFTER_SECONDS, printReportPdf } from "@/lib/export/report-pdf";

/** What a reader is told when every place in the printer's queue is taken (also on /report?pdf=busy). */
const BUSY_MESSAGE = "The PDF printer is busy with other reports; try again in a minute.";

/** Where this server listens: `next start` and scripts/front-server.mjs record it once they listen. */
function serverOrigin(): string | null {
  const recorded = process.env.__NEXT_PRIVATE_ORIGIN;
  if (recorded && /^https?:\/\/[^/]+$/.test(recorded)) return recorded;
  const port = process.env.PORT;
  return port && /^\d+$/.test(port) ? `http://127.0.0.1:${port}` : null;
}

/** A click on the report's download link (a page load), rather than a script or another program. */
const isNavigation = (request: NextRequest) => request.headers.get("sec-fetch-mode") === "navigate" || request.headers.get("sec-fetch-dest") === "document";

/**
 * `GET /report/pdf?snapshot=12`: the report printed to PDF by the server's headless Chromium
 * (lib/export/report-pdf.ts: one browser, two at a time, four waiting). Busy beyond that: 503 with
 * Retry-After and a message; a reader who clicked the link is sent back to /report, which shows it. Without
 * Chromium, or when printing failed, the reader is sent back to /report, which says to use "Save as PDF".
 */
export async function GET(request: NextRequest) {
  const refused = await apiDenied(request, "export"); // 401 without a session, 403 without the permission
  if (refused) return refused;
  const snapshot = request.nextUrl.searchParams.get("snapshot");
  const query = snapshot && /^\d+$/.test(snapshot) ? `?snapshot=${snapshot}` : "";
  // A relative Location: request.nextUrl.origin says localhost even when the server listens on 127.0.0.1 (and
  // the reader's cookies would not be sent there).
  const backToReport = (reason: string) =>
    new NextResponse(null, { status: 303, headers: { location: `/report${query}${query ? "&" : "?"}pdf=${reason}`, "cache-control": "no-store" } });
  // The server's own address, never the request's Host header: a forged Host would make the server's
  // Chromium open (and print) any page the sender names.
  const origin = serverOrigin() ?? request.nextUrl.origin;
  try {
    // The reader's cookies (language, session): the printing browser sees /report as they do.
    const pdf = await printReportPdf(`${origin}/report${query}`, request.cookies.getAll());
    const date = new Date().toISOString().slice(0, 10);
    return new NextResponse(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="klantwaarde-report-${date}.pdf"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof QueueFullError) {
      const retryAfter = String(PDF_RETRY_AFTER_SECONDS);
      if (isNavigation(request)) {
        const response = backToReport("busy");
        response.headers.set("retry-after", retryAfter);
        return response;
      }
      return new NextResponse(`${BUSY_MESSAGE}\n`, {
        status: 503,
        headers: { "content-type": "text/plain; charset=utf-8", "retry-after": retryAfter, "cache-control": "no-store" },
      });
    }
    console.error("[report] the PDF could not be made", error);
    return backToReport(error instanceof Error && /executable|ENOENT|spawn/i.test(error.message) ? "no-chromium" : "failed");
  }
}
