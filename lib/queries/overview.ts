import "server-only";
import { and, count, countDistinct, gte, sql, sum } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customers, transactions } from "@/db/schema";
import { visibleCustomers, visibleTransactions } from "@/lib/import/store/pending";
import { getDb } from "@/lib/db";
import { purchaseRows, valueRows } from "./purchase-rows";
import { failedRead, remember } from "./support";
import { firstRow } from "@/db/first-row";
import { greaterOf, monthOf, oneIf } from "@/db/portable-sql";

/**
 * The company's figures to date, straight from the transactions (before any model). Orders are purchases
 * (purchase-rows.ts); an order refunded in full is no order, no activity and no date.
 */
export interface OverviewFigures {
  customers: number;
  /** Customers with at least one purchase in the 365 days up to the last purchase in the data. */
  activeCustomers: number;
  orders: number;
  refunds: number;
  revenueCents: number;
  /** Revenue minus cost, refunds included: the historic value of the customer base. */
  netValueCents: number;
  averageOrderValueCents: number;
  firstPurchaseDate: string | null;
  lastPurchaseDate: string | null;
}

export interface MonthlyRevenue {
  /** `YYYY-MM` */
  month: string;
  revenueCents: number;
  netValueCents: number;
  orders: number;
  /** The data covers only part of this calendar month (the first or the last month of the history). */
  partial?: boolean;
}

export async function getOverviewFigures(db: KlantwaardeDatabase = getDb()): Promise<OverviewFigures> {
  try {
    const customerCount = (await firstRow(db.select({ value: count() }).from(customers).where(visibleCustomers()).limit(1)))?.value ?? 0;
    const totals = await firstRow(db
      .select({
        orders: sql<number>`coalesce(sum(${oneIf(purchaseRows())}), 0)`.mapWith(Number),
        refunds: sql<number>`coalesce(sum(${oneIf(sql`${transactions.revenueCents} < 0`)}), 0)`.mapWith(Number),
        orderRevenueCents: sql<number>`coalesce(sum(${greaterOf(transactions.revenueCents, 0)}), 0)`.mapWith(Number),
        revenueCents: sum(transactions.revenueCents).mapWith(Number),
        netValueCents: sql<number>`coalesce(sum(${transactions.revenueCents} - ${transactions.costCents}), 0)`.mapWith(Number),
        firstPurchaseDate: sql<string | null>`min(${transactions.purchaseDate}) FILTER (WHERE ${valueRows()})`,
        lastPurchaseDate: sql<string | null>`max(${transactions.purchaseDate}) FILTER (WHERE ${valueRows()})`,
      })
      .from(transactions)
      .where(visibleTransactions())
      .limit(1));
    const lastPurchaseDate = totals?.lastPurchaseDate ?? null;
    let activeCustomers = 0;
    if (lastPurchaseDate) {
      const yearBefore = new Date(Date.parse(`${lastPurchaseDate}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
      activeCustomers =
        (await firstRow(db
          .select({ value: countDistinct(transactions.customerId) })
          .from(transactions)
          .where(and(gte(transactions.purchaseDate, yearBefore), visibleTransactions(), valueRows()))
          .limit(1)))?.value ?? 0;
    }
    const orders = totals?.orders ?? 0;
    return {
      customers: customerCount,
      activeCustomers,
      orders,
      refunds: totals?.refunds ?? 0,
      revenueCents: totals?.revenueCents ?? 0,
      netValueCents: totals?.netValueCents ?? 0,
      averageOrderValueCents: orders > 0 ? Math.round((totals?.orderRevenueCents ?? 0) / orders) : 0,
      firstPurchaseDate: totals?.firstPurchaseDate ?? null,
      lastPurchaseDate,
    };
  } catch (error) {
    failedRead("the overview figures", error);
  }
}

/**
 * Revenue, net value and orders per calendar month, oldest first; months without sales are filled with
 * zeros. Remembered until the data changes: summing every transaction per request is slow at millions of rows.
 */
export async function getMonthlyRevenue(db: KlantwaardeDatabase = getDb()): Promise<MonthlyRevenue[]> {
  try {
    return await remember(db, "monthly-revenue", "data", () => readMonthlyRevenue(db));
  } catch (error) {
    failedRead("the revenue per month", error);
  }
}

async function readMonthlyRevenue(db: KlantwaardeDatabase): Promise<MonthlyRevenue[]> {
  const month = monthOf(transactions.purchaseDate);
  const rows = await db
    .select({
      month,
      revenueCents: sql<number>`sum(${transactions.revenueCents})`.mapWith(Number),
      netValueCents: sql<number>`sum(${transactions.revenueCents} - ${transactions.costCents})`.mapWith(Number),
      orders: sql<number>`sum(${oneIf(purchaseRows())})`.mapWith(Number),
    })
    .from(transactions)
    .where(and(visibleTransactions(), valueRows()))
    .groupBy(month)
    .orderBy(month);
  return fillMissingMonths(rows);
}

/** Inserts zero rows for calendar months without any transaction, so a chart's time axis has no gaps. */
export function fillMissingMonths(rows: MonthlyRevenue[]): MonthlyRevenue[] {
  if (rows.length < 2) return rows;
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const [firstYear, firstMonth] = rows[0]!.month.split("-").map(Number) as [number, number];
  const last = rows[rows.length - 1]!.month;
  const filled: MonthlyRevenue[] = [];
  for (let year = firstYear, monthIndex = firstMonth; ; ) {
    const key = `${year}-${String(monthIndex).padStart(2, "0")}`;
    filled.push(byMonth.get(key) ?? { month: key, revenueCents: 0, netValueCents: 0, orders: 0 });
    if (key >= last) break;
    monthIndex += 1;
    if (monthIndex > 12) {
      monthIndex = 1;
      year += 1;
    }
  }
  return filled;
}

/**
 * Flags the first and last month as partial when the history starts after the 1st or ends before the
 * last day of the month, so a chart does not show a half month as a drop in sales.
 */
export function markPartialMonths(months: MonthlyRevenue[], firstDate: string | null, lastDate: string | null): MonthlyRevenue[] {
  if (!firstDate || !lastDate) return months;
  const lastDayOfMonth = (isoDate: string) => {
    const [year, month] = isoDate.split("-").map(Number) as [number, number];
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  };
  const startsLate = Number(firstDate.slice(8, 10)) > 1;
  const endsEarly = Number(lastDate.slice(8, 10)) < lastDayOfMonth(lastDate);
  return months.map((row) => ({
    ...row,
    partial: (startsLate && row.month === firstDate.slice(0, 7)) || (endsEarly && row.month === lastDate.slice(0, 7)),
  }));
}
