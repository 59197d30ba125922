/**
 * The counts behind an import's order sentence (describe-orders.ts): orders, purchases, orders refunded in
 * full, refunds subtracted, no purchase per status, and the unknown statuses that stop the import. Kept the
 * same way for a platform export (orders.ts) and an ordinary file with a status column (read/status-orders.ts).
 */
import type { OrderSummary } from "./orders";
import type { OrderDecision } from "./status-rules";

export interface OrderTally {
  readonly summary: OrderSummary;
  /**
   * Counts one decided order (its total before refunds, and the refunds). Returns the decision's `noPurchase`
   * label for an order that is no purchase ("refunded" or the status as written), `null` for a purchase, and
   * `undefined` for an unknown status (nothing is imported then).
   */
  count(decision: OrderDecision, totalCents: number, refundCents: number): string | null | undefined;
  /** Counts an order that is no purchase for a reason found in other columns (Shopify's cancellation date). */
  exclude(label: string, cents: number): void;
  /** The unknown statuses met, with their orders. */
  readonly unknown: Map<string, number>;
  /** Puts the no-purchase list in its order (most orders first); call once at the end. */
  finish(): void;
}

/**
 * @example
 * const tally = createOrderTally({ id: "own-file", name: "transactions file with statuses" }, "EUR");
 * tally.count({ verdict: "purchase", netCents: 3500 }, 5000, 1500); // null
 * tally.summary.refundsCents // 1500
 */
export function createOrderTally(platform: { id: string; name: string }, currency: string | null): OrderTally {
  const summary: OrderSummary = {
    platform,
    rows: 0,
    orders: 0,
    purchases: 0,
    fullyRefunded: { orders: 0, cents: 0 },
    refundsCents: 0,
    excluded: [],
    guests: { orders: 0, cents: 0 },
    currency,
  };
  const excluded = new Map<string, { status: string; orders: number; cents: number }>();
  const unknown = new Map<string, number>();
  const exclude = (label: string, cents: number) => {
    const entry = excluded.get(label) ?? { status: label, orders: 0, cents: 0 };
    entry.orders += 1;
    entry.cents += cents;
    excluded.set(label, entry);
  };
  return {
    summary,
    unknown,
    exclude,
    count(decision, totalCents, refundCents) {
      switch (decision.verdict) {
        case "purchase":
          summary.purchases += 1;
          summary.refundsCents += refundCents;
          return null;
        case "refunded":
          summary.fullyRefunded.orders += 1;
          summary.fullyRefunded.cents += totalCents;
          return decision.label;
        case "no-purchase":
          exclude(decision.label, totalCents);
          return decision.label;
        case "unknown":
          unknown.set(decision.label, (unknown.get(decision.label) ?? 0) + 1);
          return undefined;
      }
    },
    finish() {
      summary.excluded = [...excluded.values()].sort((a, b) => b.orders - a.orders || a.status.localeCompare(b.status));
    },
  };
}
