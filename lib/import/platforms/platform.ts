/**
 * What Klantwaarde knows about one platform's export: how to recognise it by its header, which column holds
 * which field, how its orders span rows, which statuses are purchases, and how it writes dates and money.
 * The catalogue itself is in catalogue.ts.
 */
import type { DecimalSeparator } from "../read/amount";
import type { ImportKind } from "../read/fields";

export type PlatformId =
  | "shopify-orders"
  | "shopify-customers"
  | "woocommerce-analytics-orders"
  | "woocommerce-order-export"
  | "stripe-payments"
  | "mollie-payments"
  | "lightspeed-orders"
  | "magento-orders";

/** The fields a platform's columns can hold (transactions: purchases; customers: the customer list). */
export type PlatformField =
  | "customer"
  | "date"
  | "amount"
  | "order"
  | "status"
  | "refund"
  | "currency"
  | "quantity"
  | "channel"
  | "category"
  /** A cell that, when filled, marks the order as cancelled (Shopify's `Cancelled at`). */
  | "cancelledAt"
  /** A payment that was only authorised, never captured (Stripe's `Captured` = false). */
  | "captured"
  /** The payment method: a test gateway marks a test order (Shopify's `bogus`). */
  | "paymentMethod"
  | "name"
  | "firstName"
  | "lastName"
  | "email"
  | "country"
  | "city"
  | "firstSeen";

/**
 * How an order's rows look:
 * - `first-row`: one row per order line; the order's date, total, status and refund only on its first row
 *   (the other rows carry the order number and the line);
 * - `every-row`: one row per order line, the order's fields repeated on every line;
 * - `one-row`: one row per order or payment.
 */
export type OrderLayout = "first-row" | "every-row" | "one-row";

/** Which statuses (normalised with `normaliseStatus`) are purchases, refunded orders, or no purchase at all. */
export interface StatusRules {
  /** A purchase: stored with its value net of any partial refund. */
  counts: readonly string[];
  /** Refunded in full: no purchase, adds nothing (counted in the report). */
  refunded: readonly string[];
  /** Not a purchase: failed, cancelled, pending, voided, test (counted in the report per status). */
  excluded: readonly string[];
}

/** How timestamps are written: with their offset (`+0100`), in UTC without a marker, or in local time. */
export type TimestampZone = "offset" | "utc" | "local";

export interface PlatformDefinition {
  id: PlatformId;
  /** As a marketer knows the file: "Shopify orders export". */
  name: string;
  /** Where in the platform the file comes from, for messages and the README. */
  source: string;
  kind: ImportKind;
  /**
   * Header names that together identify the export (compared after `normaliseHeader`). All present:
   * recognised. Most present: "looks like" with the missing ones named.
   */
  signature: readonly string[];
  /** Field → the column names the platform uses for it (the first present one is taken). */
  columns: Partial<Record<PlatformField, readonly string[]>>;
  /** Fields without which the file cannot be read as this platform (their columns are named when missing). */
  required: readonly PlatformField[];
  orders: OrderLayout;
  statuses?: StatusRules;
  /** The customer key is an e-mail address: compared trimmed and in lower case. */
  customerKeyIsEmail: boolean;
  timestamps: TimestampZone;
  /** How the platform writes dates, when it is always the same (else detected as for any file). */
  dateFormat?: "YYYY-MM-DD" | "MON D, YYYY";
  /** The decimal separator of amounts, when the platform always writes the same (else detected). */
  decimal?: DecimalSeparator;
  /** Which column the order's value comes from, in words (README and report). */
  valueFrom: string;
  /** Customers: columns that restate the purchases and must not become soft data (`Total Spent`). */
  notSoftData?: readonly string[];
  /** Customers: columns kept as soft data even though they look like fields (Shopify `Tags`). */
  softData?: readonly string[];
}

/**
 * A status as compared: lower case, trimmed, WooCommerce's `wc-` prefix taken off, spaces and underscores
 * as hyphens.
 *
 * @example normaliseStatus(" Partially_Refunded ") // "partially-refunded"
 * @example normaliseStatus("wc-on-hold") // "on-hold"
 * @example normaliseStatus("Pending payment") // "pending-payment"
 */
export function normaliseStatus(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^wc-/, "")
    .replace(/[\s_]+/g, "-");
}
