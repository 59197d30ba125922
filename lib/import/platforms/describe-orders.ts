/**
 * What a platform import did with the orders, in one sentence for the report, `clv import --json` and the
 * import history: "18 rows = 14 orders; 6 purchases; 2 fully refunded orders (€120.00) stored, not
 * counted; refunds €20.00 subtracted; 5 orders are no purchase (1 voided, 1 pending, ...); 1 order without
 * a customer (€15.00) not imported." Orders refunded in full are stored (a re-export can update them) but
 * are no purchase and add nothing.
 */
import { formatMoney } from "@/lib/format";
import type { OrderSummary } from "./orders";

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

/**
 * @example describeOrders({ platform: { id: "stripe-payments", name: "Stripe payments export" }, rows: 3, orders: 3, purchases: 2,
 *   fullyRefunded: { orders: 0, cents: 0 }, refundsCents: 500, excluded: [{ status: "Failed", orders: 1, cents: 4900 }], guests: { orders: 0, cents: 0 }, currency: "EUR" })
 * // "Read as a Stripe payments export: 3 rows = 3 orders; 2 purchases; refunds €5.00 subtracted; 1 order is no purchase (1 Failed)."
 */
export function describeOrders(summary: OrderSummary, currency = summary.currency ?? "EUR"): string {
  const money = (cents: number) => formatMoney(cents, { currency, locale: "en-GB", cents: true });
  const parts = [`${plural(summary.rows, "row")} = ${plural(summary.orders, "order")}`, plural(summary.purchases, "purchase")];
  if (summary.fullyRefunded.orders > 0) parts.push(`${plural(summary.fullyRefunded.orders, "fully refunded order")} (${money(summary.fullyRefunded.cents)}) stored, not counted`);
  if (summary.refundsCents > 0) parts.push(`refunds ${money(summary.refundsCents)} subtracted`);
  const excluded = summary.excluded.reduce((sum, entry) => sum + entry.orders, 0);
  if (excluded > 0) {
    const which = summary.excluded.map((entry) => `${entry.orders.toLocaleString("en")} ${entry.status}`).join(", ");
    parts.push(`${plural(excluded, "order is", "orders are")} no purchase (${which})`);
  }
  if (summary.guests.orders > 0) parts.push(`${plural(summary.guests.orders, "order")} without a customer (${money(summary.guests.cents)}) not imported`);
  return `Read as a ${summary.platform.name}: ${parts.join("; ")}.`;
}
