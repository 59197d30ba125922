/**
 * The lines of the customer CSV export: which columns, and how one customer becomes one line. Pure, so the
 * route only streams. Money is written in currency units as plain numbers (a spreadsheet can sum them);
 * text cells are formula-escaped by lib/import/read/csv-writer.ts (a name like `=HYPERLINK(...)` stays text).
 */
import { formatCsvRow, type CsvCell, type CsvWriteOptions } from "@/lib/import/read/csv-writer";
import type { CustomerExportRow } from "@/lib/queries/segments-export";
import type { RfmSegmentKey } from "@/lib/scoring/rfm-segments";
import type { QuadrantKey } from "@/lib/settings/schema";
import { daysBefore } from "@/components/customers/customer-dates";

export const CSV_COLUMNS = [
  "number",
  "name",
  "email",
  "country",
  "city",
  "channel",
  "predicted",
  "historic",
  "total",
  "alive",
  "expectedPurchases",
  "nextPurchase",
  "purchases",
  "firstPurchase",
  "lastPurchase",
  "relationshipDays",
  "recency",
  "frequency",
  "monetary",
  "rfm",
  "tier",
  "quadrant",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface CustomerCsvContext {
  asOfDate: string;
  rfmName: (key: RfmSegmentKey) => string;
  tierName: (tier: number) => string;
  quadrantName: (key: QuadrantKey) => string;
  options: CsvWriteOptions;
}

/** `,` with decimal points for English, `;` with decimal commas for Dutch (what Excel expects in each). */
export function csvOptionsFor(locale: string): CsvWriteOptions {
  return locale.startsWith("nl") ? { delimiter: ";", decimal: "," } : { delimiter: ",", decimal: "." };
}

const units = (cents: number) => Math.round(cents) / 100;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function customerCsvHeader(label: (column: CsvColumn) => string, options: CsvWriteOptions): string {
  return formatCsvRow(CSV_COLUMNS.map(label), options);
}

export function customerCsvLine(row: CustomerExportRow, context: CustomerCsvContext): string {
  const cells: Record<CsvColumn, CsvCell> = {
    number: row.externalId,
    name: row.name,
    email: row.email,
    country: row.country,
    city: row.city,
    channel: row.channel,
    predicted: units(row.predictedClvCents),
    historic: units(row.historicClvCents),
    total: units(row.totalClvCents),
    alive: row.probabilityAlive === null ? null : round(row.probabilityAlive, 4),
    expectedPurchases: round(row.expectedPurchases, 3),
    nextPurchase: row.expectedNextPurchaseDate,
    purchases: row.purchases,
    firstPurchase: daysBefore(context.asOfDate, row.relationshipDays),
    lastPurchase: daysBefore(context.asOfDate, row.daysSinceLastPurchase),
    relationshipDays: row.relationshipDays,
    recency: row.recencyScore,
    frequency: row.frequencyScore,
    monetary: row.monetaryScore,
    rfm: context.rfmName(row.rfmSegment),
    tier: context.tierName(row.clvTier),
    quadrant: context.quadrantName(row.quadrant),
  };
  return formatCsvRow(
    CSV_COLUMNS.map((column) => cells[column]),
    context.options,
  );
}

/** `klantwaarde-rfm-champions-2026-06-30.csv` */
export function exportFileName(slug: string, asOfDate: string): string {
  return `klantwaarde-${slug}-${asOfDate}.csv`.replace(/[^a-z0-9.-]+/gi, "-");
}
