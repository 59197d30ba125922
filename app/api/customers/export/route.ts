import type { NextRequest } from "next/server";
import { userActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { apiAuthorize } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { mergeFilters, parseCustomerFilter } from "@/lib/filters/customer-filter";
import { parseSegmentRef, segmentFilter, segmentSlug } from "@/lib/filters/segment-ref";
import { DEFAULT_LOCALE, FORMAT_LOCALES, LOCALE_COOKIE, isAppLocale } from "@/lib/i18n/config";
import { resolvePageSnapshot } from "@/lib/queries/page-snapshot";
import { customerExportChunks } from "@/lib/queries/segments-export";
import type { RfmSegmentKey } from "@/lib/scoring/rfm-segments";
import type { QuadrantKey } from "@/lib/settings/schema";
import { maskCustomer, maskFilter } from "@/lib/privacy/masking";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";
import { csvOptionsFor, customerCsvHeader, customerCsvLine, exportFileName } from "../../../../lib/export/customer-csv";

export const dynamic = "force-dynamic";

const LINE_END = "\r\n";

/**
 * GET /api/customers/export?<filters>&kind=&key=&snapshot= — the customers of a list or drill-down as a
 * CSV file (UTF-8 with byte-order mark so Excel reads accents; formula-escaped). Streamed a chunk of rows
 * at a time, so a million customers need no more memory than a few thousand.
 */
export async function GET(request: NextRequest) {
  const user = await apiAuthorize(request, "export"); // 401 without a session, 403 without the permission
  if (user instanceof Response) return user;
  const params = request.nextUrl.searchParams;
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const appLocale = isAppLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE;
  const error = (status: number, message: string) => Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });

  let page;
  try {
    page = await resolvePageSnapshot(params);
  } catch (failure) {
    console.error("[api/customers/export] failed", failure);
    return error(503, "The customers cannot be read.");
  }
  const { snapshot } = page;
  if (!snapshot) return error(404, "There is no snapshot yet: the figures have not been computed.");

  // A reader who may not see names and e-mail addresses gets empty cells there and searches numbers only.
  const { visible } = await getPersonalDataAccess();
  let filter = maskFilter(parseCustomerFilter(params), visible);
  let slug = "customers";
  const kind = params.get("kind");
  const key = params.get("key");
  if (kind !== null || key !== null) {
    const ref = parseSegmentRef(kind ?? undefined, key ?? undefined, snapshot.summary.tiers.length);
    if (!ref) return error(404, "There is no such segment.");
    filter = mergeFilters(filter, segmentFilter(ref));
    slug = segmentSlug(ref);
  }

  const [t, tRfm] = await Promise.all([
    getTranslations({ locale: appLocale, namespace: "customerTable.csv" }),
    getTranslations({ locale: appLocale, namespace: "rfm" }),
  ]);
  const options = csvOptionsFor(FORMAT_LOCALES[appLocale]);
  const tierNames = new Map(snapshot.summary.tiers.map((tier) => [tier.tier, tier.name]));
  const quadrantNames = new Map(snapshot.summary.quadrants.map((quadrant) => [quadrant.key, quadrant.name]));
  const context = {
    asOfDate: snapshot.asOfDate,
    rfmName: (segment: RfmSegmentKey) => tRfm(`${segment}.name`),
    tierName: (tier: number) => tierNames.get(tier) ?? String(tier),
    quadrantName: (quadrant: QuadrantKey) => quadrantNames.get(quadrant) ?? quadrant,
    options,
  };

  const chunks = customerExportChunks(snapshot, filter);
  const encoder = new TextEncoder();
  // The audit trail: who took which list out, once the download ended (complete or broken off).
  let rows = 0;
  const audited = async (complete: boolean) => {
    const query = new URLSearchParams(params);
    query.delete("snapshot");
    await recordAuditEvent(getDb(), userActor(user), {
      action: "customerListExported",
      target: slug,
      details: { rows, complete, snapshotId: snapshot.id, query: query.toString() },
    });
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${customerCsvHeader((column) => t(column), options)}${LINE_END}`));
    },
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) {
          controller.close();
          await audited(true);
          return;
        }
        rows += next.value.length;
        controller.enqueue(encoder.encode(next.value.map((row) => customerCsvLine(maskCustomer(row, visible), context) + LINE_END).join("")));
      } catch (failure) {
        console.error("[api/customers/export] failed while streaming", failure);
        controller.error(failure);
      }
    },
    async cancel() {
      await chunks.return(undefined);
      await audited(false);
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(slug, snapshot.asOfDate)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
