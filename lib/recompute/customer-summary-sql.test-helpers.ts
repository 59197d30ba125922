import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { parseIsoDay } from "@/lib/clv/iso-date";
import { summarizeTransactionRows } from "@/lib/clv/summary";
import type { CustomerSummarySqlRow } from "./customer-summary-sql";

/** A purchase as the summary query reads it. */
export interface PurchaseRow {
  customerId: number;
  date: string;
  amountCents: number;
}

/** The vendored CDNOW sample's purchases (lib/clv/testdata/cdnow): 2,357 customers, 6,919 rows, 1997-1998. */
export function cdnowPurchases(): PurchaseRow[] {
  const file = path.resolve(import.meta.dirname, "../clv/testdata/cdnow/cdnow_sample_transactions.csv");
  return readFileSync(file, "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(","))
    .map(([customerId, date, , amount]) => ({ customerId: Number(customerId), date: date!, amountCents: Math.round(Number(amount) * 100) }));
}

/** CDNOW's published split: calibration to 1997-09-30 (39 weeks), holdout to 1998-06-30. */
export const CDNOW_CALIBRATION_END = parseIsoDay("1997-09-30");
export const CDNOW_HOLDOUT_END = parseIsoDay("1998-06-30");

/**
 * Asserts that the query's rows are the engine's summary (summarizeTransactions, in weeks) of the same
 * purchases: every customer, every figure (times and spend to 1e-9, counts and cents exactly).
 */
export function expectSameAsEngine(rows: CustomerSummarySqlRow[], purchases: PurchaseRow[], calibrationEndDay: number, holdoutEndDay: number): void {
  const table = summarizeTransactionRows(
    purchases.map((row) => ({ customerId: String(row.customerId), date: row.date, amount: row.amountCents / 100 })),
    { unit: "week", calibrationEnd: calibrationEndDay, holdoutEnd: holdoutEndDay },
  );
  const engine = new Map(table.ids.map((id, i) => [Number(id), i]));
  expect(rows.map((row) => Number(row.customer_id)).sort((a, b) => a - b)).toEqual([...engine.keys()].sort((a, b) => a - b));
  for (const row of rows) {
    const i = engine.get(Number(row.customer_id))!;
    const where = `customer ${row.customer_id}`;
    expect(Number(row.x), where).toBe(table.x[i]);
    expect(Number(row.t_x), where).toBeCloseTo(table.tx[i]!, 9);
    expect(Number(row.T), where).toBeCloseTo(table.T[i]!, 9);
    expect(Number(row.monetary), where).toBeCloseTo(table.monetary[i]!, 9);
    expect(Number(row.orders), where).toBe(table.orders[i]);
    expect(Number(row.purchase_days), where).toBe(table.purchaseDays[i]);
    expect(Number(row.amount_cents) / 100, where).toBeCloseTo(table.revenue[i]!, 9);
    expect(Number(row.first_day), where).toBe(table.firstDay[i]);
    expect(Number(row.last_day), where).toBe(table.lastDay[i]);
    expect(Number(row.holdout_purchases), where).toBe(table.holdout!.purchases[i]);
    expect(Number(row.holdout_amount_cents) / 100, where).toBeCloseTo(table.holdout!.value[i]!, 9);
  }
}

/** A small hand-made case: one customer buying twice on one day, one buying once, one only after the calibration end. */
export const HAND_PURCHASES: PurchaseRow[] = [
  { customerId: 1, date: "2025-01-06", amountCents: 1000 },
  { customerId: 1, date: "2025-01-06", amountCents: 500 },
  { customerId: 1, date: "2025-01-20", amountCents: 3000 },
  { customerId: 1, date: "2025-02-03", amountCents: 2000 },
  { customerId: 1, date: "2025-03-10", amountCents: 4000 },
  { customerId: 2, date: "2025-01-13", amountCents: 2500 },
  { customerId: 3, date: "2025-03-01", amountCents: 900 },
];
