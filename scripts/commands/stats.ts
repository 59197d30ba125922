import { databaseLocation } from "../../db/describe-database";
import { getDatabase } from "../../lib/db";
import { getDatabaseStats } from "../../lib/queries/database-stats";
import { parseCommandArgs, printJson, type Command } from "./command";

export const statsCommand: Command = {
  name: "stats",
  summary: "what the database at DATABASE_URL holds (customers, transactions, revenue, date range)",
  usage: `Usage: npm run --silent clv -- stats [--json]

Prints { customers, transactions, purchases, revenue, firstDate, lastDate } for the database at DATABASE_URL.
transactions are the stored rows (refunds and orders refunded in full included); purchases the stored
orders that count as a purchase: not refund rows and not orders refunded in full (failed, voided and
cancelled orders are never stored). Revenue is in currency units with refunds subtracted; firstDate and
lastDate span the purchases and refunds. Without --json a short table is printed.`,
  async run(args) {
    const { values } = parseCommandArgs("stats", args, { json: { type: "boolean", default: false } });
    const database = getDatabase();
    try {
      const stats = await getDatabaseStats(database.db);
      if (values.json) {
        printJson(stats);
        return;
      }
      const rows: [string, string][] = [
        ["database", databaseLocation(database)],
        ["customers", stats.customers.toLocaleString("en")],
        ["transactions", stats.transactions.toLocaleString("en")],
        ["purchases", stats.purchases.toLocaleString("en")],
        ["revenue", stats.revenue.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })],
        ["first purchase", stats.firstDate ?? "-"],
        ["last purchase", stats.lastDate ?? "-"],
      ];
      process.stdout.write(rows.map(([label, value]) => `${label.padEnd(15)} ${value}`).join("\n") + "\n");
    } finally {
      await database.close();
    }
  },
};
