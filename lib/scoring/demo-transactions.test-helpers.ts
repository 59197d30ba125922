/**
 * The demo company's purchases as the recompute job reads them from the database (customer ids 1..n, in
 * the shape of lib/recompute/load-transactions.ts), for the scoring tests. Customers without purchases are
 * left out, as the job leaves them out.
 */
import { generateDemoCompany, type DemoCompanyOptions, type DemoCustomer } from "@/db/seed/demo-company";
import { parseIsoDay } from "@/lib/clv/iso-date";
import type { LoadedTransactions } from "./types";

/** The demo company's customers that bought something. */
export function demoBuyers(options: DemoCompanyOptions): DemoCustomer[] {
  return [...generateDemoCompany(options)].filter((customer) => customer.transactions.length > 0);
}

/**
 * `withoutCosts`: the data has revenue only (the margin then comes from the settings).
 * @example demoTransactions({ customers: 800, seed: 11, years: 2, endDate: "2026-02-14" }).customerIds[0] // 1
 */
export function demoTransactions(options: DemoCompanyOptions, { withoutCosts = false }: { withoutCosts?: boolean } = {}): LoadedTransactions {
  const buyers = demoBuyers(options);
  const rows = buyers.flatMap((buyer, index) => buyer.transactions.map((transaction) => ({ index, transaction })));
  return {
    rows: rows.length,
    customerIds: Float64Array.from(buyers, (buyer) => buyer.id),
    customer: Int32Array.from(rows, (row) => row.index),
    day: Int32Array.from(rows, (row) => parseIsoDay(row.transaction.purchaseDate)),
    revenueCents: Float64Array.from(rows, (row) => row.transaction.revenueCents),
    costCents: withoutCosts ? null : Float64Array.from(rows, (row) => row.transaction.costCents),
    maxTransactionId: rows.length,
  };
}
