/**
 * From a transaction log to the per-customer summary the models need (frequency x, recency t_x, age T,
 * average repeat spend), plus historic figures and an optional holdout period — the construction of
 * Fader, Hardie & Lee (2005) and of Python lifetimes' `summary_data_from_transaction_data`:
 * - purchases on the same day are one purchase (their amounts are added);
 * - x = distinct purchase days in the calibration period − 1;
 * - t_x = time from the first to the last purchase day, T = time from the first purchase day to the end
 *   of the calibration period (both in the chosen unit: a week is 7 days as in the papers, a month is
 *   365.25 / 12 = 30.4375 days, the mean Gregorian month);
 * - monetary = mean of the repeat purchase days' amounts (the first purchase excluded), 0 when x = 0.
 * Customers whose first purchase is after the calibration end are left out (counted in `excludedCustomers`).
 *
 * Columnar and allocation-light: one counting sort of the rows by customer, typed arrays throughout, dates
 * as day numbers (see iso-date.ts), so ten million rows take about a second.
 */
import { InvalidInputError } from "./errors";
import { dayNumberFromIso, isoFromDayNumber, parseIsoDay } from "./iso-date";
import type { CustomerSummary, TimeUnit } from "./types";

/** Days per time unit: day 1, week 7, month 365.25 / 12 = 30.4375. */
export const DAYS_PER_UNIT: Record<TimeUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

/** A transaction log by columns. Rows refer to customers by their index in `customerIds`. */
export interface TransactionColumns {
  customerIds: readonly string[];
  customer: ArrayLike<number>;
  /** Day numbers (days since 1970-01-01), see `parseIsoDay`. */
  day: ArrayLike<number>;
  amount: ArrayLike<number>;
  /** Number of rows used (default: `customer.length`; lets readers over-allocate their arrays). */
  rows?: number;
}

/** One transaction: ISO date (YYYY-MM-DD) or day number (days since 1970-01-01). */
export interface Transaction {
  customerId: string;
  date: string | number;
  amount: number;
}

export interface SummaryOptions {
  unit?: TimeUnit;
  /** Last day of the calibration period, inclusive (ISO date or day number). Default: the last transaction day. */
  calibrationEnd?: string | number;
  /** Last day of the holdout period, inclusive; when given, holdout purchases and value are returned. */
  holdoutEnd?: string | number;
}

export interface HoldoutFigures {
  /** Distinct purchase days in (calibration end, holdout end]: the repeat purchases to predict. */
  purchases: Int32Array;
  /** Sum of amounts in the holdout period. */
  value: Float64Array;
  /** Length of the holdout period in the unit. */
  durationUnits: number;
}

/** The per-customer summary by columns (index i is customer `ids[i]`). */
export interface CustomerSummaryTable {
  unit: TimeUnit;
  unitDays: number;
  calibrationEndDay: number;
  customers: number;
  ids: string[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
  /** Historic figures up to the calibration end: transaction rows, distinct purchase days, amount sum. */
  orders: Int32Array;
  purchaseDays: Int32Array;
  revenue: Float64Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
  holdout?: HoldoutFigures;
  /** Customers whose first purchase is after the calibration end (not in the table). */
  excludedCustomers: number;
}

function toDay(value: string | number, what: string): number {
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new InvalidInputError(`${what} ${value} must be a whole day number or an ISO date`);
    return value;
  }
  return dayNumberFromIso(value, what);
}

/** Sorts days[0..n) ascending carrying amounts along (insertion sort for short runs, index sort otherwise). */
function sortByDay(days: Int32Array, amounts: Float64Array, n: number): void {
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (days[i]! < days[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  if (n <= 64) {
    for (let i = 1; i < n; i++) {
      const d = days[i]!;
      const a = amounts[i]!;
      let j = i - 1;
      while (j >= 0 && days[j]! > d) {
        days[j + 1] = days[j]!;
        amounts[j + 1] = amounts[j]!;
        j--;
      }
      days[j + 1] = d;
      amounts[j + 1] = a;
    }
    return;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => days[i]! - days[j]!);
  const d = days.slice(0, n);
  const a = amounts.slice(0, n);
  for (let i = 0; i < n; i++) {
    days[i] = d[order[i]!]!;
    amounts[i] = a[order[i]!]!;
  }
}

/**
 * The per-customer summary of a transaction log (see the file comment for the definitions).
 *
 * @example
 * summarizeTransactions({ customerIds: ["a"], customer: [0, 0, 0], day: [9862, 9862, 9876], amount: [10, 5, 20] },
 *   { unit: "week", calibrationEnd: "1997-01-29" })
 * // { ids: ["a"], x: Float64Array [1], tx: Float64Array [2], T: Float64Array [4], monetary: Float64Array [20], orders: Int32Array [3], revenue: Float64Array [35], ... }
 */
export function summarizeTransactions(transactions: TransactionColumns, options: SummaryOptions = {}): CustomerSummaryTable {
  const unit = options.unit ?? "week";
  const unitDays = DAYS_PER_UNIT[unit];
  if (unitDays === undefined) throw new InvalidInputError(`unknown time unit "${unit}" (use day, week or month)`);
  const rows = transactions.rows ?? transactions.customer.length;
  const { customer, day, amount, customerIds } = transactions;
  if (day.length < rows || amount.length < rows || customer.length < rows) {
    throw new InvalidInputError(`transaction columns are shorter than ${rows} rows`);
  }
  if (rows === 0) throw new InvalidInputError("there are no transactions to summarise");
  const customerCount = customerIds.length;
  let lastTransactionDay = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < rows; i++) {
    const d = day[i]!;
    const c = customer[i]!;
    if (!Number.isInteger(d)) throw new InvalidInputError(`row ${i}: date is not a valid day number (${d})`);
    if (!Number.isInteger(c) || c < 0 || c >= customerCount) throw new InvalidInputError(`row ${i}: customer index ${c} is out of range`);
    if (!Number.isFinite(amount[i]!)) throw new InvalidInputError(`row ${i}: amount ${amount[i]} is not a finite number`);
    if (d > lastTransactionDay) lastTransactionDay = d;
  }
  const calibrationEndDay = options.calibrationEnd === undefined ? lastTransactionDay : toDay(options.calibrationEnd, "calibration end");
  const holdoutEndDay = options.holdoutEnd === undefined ? undefined : toDay(options.holdoutEnd, "holdout end");
  if (holdoutEndDay !== undefined && holdoutEndDay <= calibrationEndDay) {
    throw new InvalidInputError(`holdout end ${isoFromDayNumber(holdoutEndDay)} must be after the calibration end ${isoFromDayNumber(calibrationEndDay)}`);
  }
  const lastUsedDay = holdoutEndDay ?? calibrationEndDay;

  // Counting sort of the used rows by customer.
  const offsets = new Int32Array(customerCount + 1);
  for (let i = 0; i < rows; i++) if (day[i]! <= lastUsedDay) offsets[customer[i]! + 1]! += 1;
  let longest = 0;
  for (let c = 0; c < customerCount; c++) {
    longest = Math.max(longest, offsets[c + 1]!);
    offsets[c + 1]! += offsets[c]!;
  }
  const cursor = offsets.slice(0, customerCount);
  const order = new Int32Array(offsets[customerCount]!);
  for (let i = 0; i < rows; i++) if (day[i]! <= lastUsedDay) order[cursor[customer[i]!]!++] = i;

  const x = new Float64Array(customerCount);
  const tx = new Float64Array(customerCount);
  const T = new Float64Array(customerCount);
  const monetary = new Float64Array(customerCount);
  const orders = new Int32Array(customerCount);
  const purchaseDays = new Int32Array(customerCount);
  const revenue = new Float64Array(customerCount);
  const firstDay = new Int32Array(customerCount);
  const lastDay = new Int32Array(customerCount);
  const holdoutPurchases = holdoutEndDay === undefined ? null : new Int32Array(customerCount);
  const holdoutValue = holdoutEndDay === undefined ? null : new Float64Array(customerCount);
  const ids: string[] = [];
  const days = new Int32Array(longest);
  const amounts = new Float64Array(longest);
  let kept = 0;
  for (let c = 0; c < customerCount; c++) {
    const start = offsets[c]!;
    const n = offsets[c + 1]! - start;
    if (n === 0) continue;
    for (let k = 0; k < n; k++) {
      const row = order[start + k]!;
      days[k] = day[row]!;
      amounts[k] = amount[row]!;
    }
    sortByDay(days, amounts, n);
    const first = days[0]!;
    if (first > calibrationEndDay) continue; // first purchase in the holdout period
    let distinct = 0;
    let repeatValue = 0;
    let total = 0;
    let calibrationRows = 0;
    let previousDay = Number.NaN;
    let holdoutDays = 0;
    let holdoutTotal = 0;
    let last = first;
    for (let k = 0; k < n; k++) {
      const d = days[k]!;
      if (d <= calibrationEndDay) {
        calibrationRows++;
        total += amounts[k]!;
        if (d !== previousDay) distinct++;
        if (d !== first) repeatValue += amounts[k]!;
        last = d;
      } else {
        if (d !== previousDay) holdoutDays++;
        holdoutTotal += amounts[k]!;
      }
      previousDay = d;
    }
    const i = kept++;
    ids.push(customerIds[c]!);
    x[i] = distinct - 1;
    tx[i] = (last - first) / unitDays;
    T[i] = (calibrationEndDay - first) / unitDays;
    monetary[i] = distinct > 1 ? repeatValue / (distinct - 1) : 0;
    orders[i] = calibrationRows;
    purchaseDays[i] = distinct;
    revenue[i] = total;
    firstDay[i] = first;
    lastDay[i] = last;
    if (holdoutPurchases && holdoutValue) {
      holdoutPurchases[i] = holdoutDays;
      holdoutValue[i] = holdoutTotal;
    }
  }
  const table: CustomerSummaryTable = {
    unit,
    unitDays,
    calibrationEndDay,
    customers: kept,
    ids,
    x: x.subarray(0, kept),
    tx: tx.subarray(0, kept),
    T: T.subarray(0, kept),
    monetary: monetary.subarray(0, kept),
    orders: orders.subarray(0, kept),
    purchaseDays: purchaseDays.subarray(0, kept),
    revenue: revenue.subarray(0, kept),
    firstDay: firstDay.subarray(0, kept),
    lastDay: lastDay.subarray(0, kept),
    excludedCustomers: customerCount - kept,
  };
  if (holdoutPurchases && holdoutValue && holdoutEndDay !== undefined) {
    table.holdout = {
      purchases: holdoutPurchases.subarray(0, kept),
      value: holdoutValue.subarray(0, kept),
      durationUnits: (holdoutEndDay - calibrationEndDay) / unitDays,
    };
  }
  return table;
}

/**
 * Transaction objects to columns (customer ids in order of first appearance). Throws `InvalidInputError`
 * for a bad date or amount, naming the row.
 *
 * @example transactionColumns([{ customerId: "a", date: "1997-01-01", amount: 10 }]).day // Int32Array [9862]
 */
export function transactionColumns(transactions: readonly Transaction[]): TransactionColumns {
  const index = new Map<string, number>();
  const customerIds: string[] = [];
  const customer = new Int32Array(transactions.length);
  const day = new Int32Array(transactions.length);
  const amount = new Float64Array(transactions.length);
  transactions.forEach((transaction, i) => {
    let c = index.get(transaction.customerId);
    if (c === undefined) {
      c = customerIds.length;
      index.set(transaction.customerId, c);
      customerIds.push(transaction.customerId);
    }
    customer[i] = c;
    const d = typeof transaction.date === "number" ? transaction.date : parseIsoDay(transaction.date);
    if (!Number.isInteger(d)) throw new InvalidInputError(`row ${i}: date "${transaction.date}" is not a valid ISO date (YYYY-MM-DD) or day number`);
    day[i] = d;
    if (!Number.isFinite(transaction.amount)) throw new InvalidInputError(`row ${i}: amount ${transaction.amount} is not a finite number`);
    amount[i] = transaction.amount;
  });
  return { customerIds, customer, day, amount };
}

/** `summarizeTransactions` for transaction objects. */
export function summarizeTransactionRows(transactions: readonly Transaction[], options: SummaryOptions = {}): CustomerSummaryTable {
  return summarizeTransactions(transactionColumns(transactions), options);
}

/**
 * The table as `CustomerSummary` rows with historic figures (for the dashboard and small data sets).
 *
 * @example
 * summaryRows(summarizeTransactions({ customerIds: ["a"], customer: [0, 0, 0], day: [9862, 9862, 9876], amount: [10, 5, 20] }, { unit: "week", calibrationEnd: "1997-01-29" }))[0]
 * // { id: "a", x: 1, tx: 2, T: 4, monetary: 20, historic: { orders: 3, ... } }
 */
export function summaryRows(table: CustomerSummaryTable): CustomerSummary[] {
  return table.ids.map((id, i) => ({
    id,
    x: table.x[i]!,
    tx: table.tx[i]!,
    T: table.T[i]!,
    monetary: table.monetary[i]!,
    historic: {
      orders: table.orders[i]!,
      purchaseDays: table.purchaseDays[i]!,
      revenue: table.revenue[i]!,
      firstPurchase: isoFromDayNumber(table.firstDay[i]!),
      lastPurchase: isoFromDayNumber(table.lastDay[i]!),
      relationshipDays: table.lastDay[i]! - table.firstDay[i]!,
    },
  }));
}
