/**
 * The synthetic transaction file of the engine benchmarks (bench:engine, bench:vs-lifetimes): CDNOW-like
 * BG/NBD customers, in days, one row per purchase, in date order as a shop's export would be.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { isoFromDayNumber } from "../lib/clv/iso-date";
import { simulateTransactionLog } from "../lib/clv/simulate";

export const START_DAY = 9862; // 1997-01-01
export const CALIBRATION_END_DAY = START_DAY + 272; // 39 weeks, as CDNOW
export const END_DAY = START_DAY + 545; // 78 weeks
/** CDNOW's BG/NBD and Gamma-Gamma estimates with alpha converted from weeks to days. */
const PURCHASE_PARAMS = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };
const SPEND_PARAMS = { p: 6.25, q: 3.74, v: 15.44 };

/**
 * Writes `customers` simulated customers' purchases to `file` as customer_id,date,amount (ISO dates, two
 * decimals) and returns the number of rows; seeded, so the same size gives the same file.
 * @example writeSyntheticTransactions("/tmp/t.csv", 400_000) // 1,43x,xxx rows (about 3.6 per customer)
 */
export function writeSyntheticTransactions(file: string, customers: number): number {
  const log = simulateTransactionLog(PURCHASE_PARAMS, SPEND_PARAMS, { customers, startDay: START_DAY, acquisitionDays: 84, endDay: END_DAY, seed: 7 });
  // Shuffle rows by date order as a real export would be (not grouped by customer): sort by day.
  const order = Int32Array.from({ length: log.rows }, (_, i) => i).sort((i, j) => log.day[i]! - log.day[j]! || i - j);
  const dates = new Map<number, string>();
  const descriptor = openSync(file, "w");
  let batch = "customer_id,date,amount\n";
  for (const i of order) {
    const day = log.day[i]!;
    let date = dates.get(day);
    if (date === undefined) {
      date = isoFromDayNumber(day);
      dates.set(day, date);
    }
    batch += `${log.customerIds[log.customer[i]!]},${date},${log.amount[i]!.toFixed(2)}\n`;
    if (batch.length > 1 << 20) {
      writeSync(descriptor, batch);
      batch = "";
    }
  }
  writeSync(descriptor, batch);
  closeSync(descriptor);
  return log.rows;
}

