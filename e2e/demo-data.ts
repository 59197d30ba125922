/** The demo company the seeded test server holds; tests recompute its figures independently of the app. */
import { generateDemoCompany, type DemoCompanyOptions } from "../db/seed/demo-company";

export const E2E_DEMO_OPTIONS: DemoCompanyOptions = { customers: 1500, seed: 7, years: 2, endDate: "2026-06-30" };

export function expectedDemoTotals() {
  let customers = 0;
  let transactions = 0;
  let revenueCents = 0;
  let firstDate = "9999-12-31";
  let lastDate = "0000-01-01";
  for (const customer of generateDemoCompany(E2E_DEMO_OPTIONS)) {
    customers += 1;
    for (const transaction of customer.transactions) {
      transactions += 1;
      revenueCents += transaction.revenueCents;
      if (transaction.purchaseDate < firstDate) firstDate = transaction.purchaseDate;
      if (transaction.purchaseDate > lastDate) lastDate = transaction.purchaseDate;
    }
  }
  return { customers, transactions, revenueCents, firstDate, lastDate };
}
