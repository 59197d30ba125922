/**
 * Orders, not rows: reads a recognised platform export row by row and gives one purchase per order that
 * counts, with the value the customer paid net of refunds, the way a careful analyst would count by hand.
 *
 * - Order lines: the rows of one order (same order number) make one purchase. With `first-row` layouts
 *   (Shopify) only the first row carries the date, total, status and refund; the other rows are lines and
 *   not errors. With `every-row` layouts (WooCommerce export plugins) every line repeats the order's total,
 *   which is taken once. An order number met again later in the file is the same order.
 * - Status: paid orders count (also partly refunded ones); failed, voided, cancelled, pending, test and
 *   uncaptured ones are no purchase; a status the rules do not know stops the import and is listed with its
 *   count, so the user decides (`countStatuses`).
 * - Refunds: a partial refund lowers the order's value (on the order date: these exports carry no refund
 *   date) and is kept as its `refundedCents`. An order refunded in full is no purchase and adds nothing: it
 *   gives a row worth 0 with its total as `refundedCents`, stored so that a re-export can update it
 *   (lib/scoring/purchase-rule.ts says it is no purchase).
 * - An order that is no purchase by its status (failed, cancelled...) but has a customer still gives a row,
 *   marked `noPurchase` with the status as written: it tells the store that an order stored by an earlier
 *   import is no purchase any more. It is never stored.
 * - One customer, one identity: an e-mail address as customer key is compared trimmed and in lower case.
 *   Orders without any customer key (guest checkouts) are counted as a group, not as row errors.
 * - One currency: purchases in more than one currency, or in another than the company's, stop the import.
 *
 * Memory grows with the number of orders (their numbers are remembered), never with the lines.
 */
import { parseAmountCents } from "../read/amount";
import { freeTextError, identifierError, overLengthError, type IdentifierColumn } from "../read/cell-text";
import type { CsvRecord } from "../read/csv-parser";
import { encodingLabel, type TextEncodingName } from "../read/encoding";
import { ImportFileError, type ImportProblem, type RowError } from "../read/problems";
import { cellText, optionalText, type RowOutcome, type ValueFormats } from "../read/row-outcome";
import type { TransactionRow } from "../read/transaction-row";
import { createOrderTally } from "./order-tally";
import { normaliseStatus, type PlatformDefinition, type PlatformField } from "./platform";
import { purchaseDate } from "./purchase-date";
import type { PlatformColumns } from "./recognise";
import { createStatusJudge, decideOrder, listCounts, storedOrderValue, unknownStatusProblem, type StoredOrderValue } from "./status-rules";

/** What the import did with the orders of a platform file (the report, `--json` and the history show it). */
export interface OrderSummary {
  platform: { id: string; name: string };
  /** Data rows read. */
  rows: number;
  /** Orders in the file (rows that share an order number are one order). */
  orders: number;
  /** Orders stored as purchases. */
  purchases: number;
  /** Orders refunded in full: stored worth 0 with their refund, not counted as purchases; `cents` is what they had been worth. */
  fullyRefunded: { orders: number; cents: number };
  /** Partial refunds subtracted from the purchases' values. */
  refundsCents: number;
  /** Orders that are no purchase, per status as written in the file (failed, cancelled, pending, test, ...). */
  excluded: { status: string; orders: number; cents: number }[];
  /** Orders without a customer (guest checkouts without an e-mail address): not imported. */
  guests: { orders: number; cents: number };
  /** The currency of the amounts: the company's, or the file's own when none was given (`null`: not known). */
  currency: string | null;
}

export interface OrderReaderOptions {
  platform: PlatformDefinition;
  header: readonly string[];
  columns: PlatformColumns;
  formats: ValueFormats;
  /** The company's time zone: a timestamp with an offset or in UTC becomes a date there. */
  timeZone: string;
  /** The statuses (as written, any case) that count as purchases; every other status is then no purchase. */
  countStatuses?: readonly string[];
  /** The company's currency (ISO code, `EUR`): orders in another currency stop the import. */
  currency?: string;
  /** The file's encoding, named in messages about characters that could not be read. */
  encoding?: TextEncodingName;
}

export interface OrderReader {
  /**
   * The outcomes completed by this row (an order is complete when the next one starts). `checkCharacters`
   * as for the row validators (cell-text.ts): `false` only for rows known to hold no forbidden character.
   */
  push(record: CsvRecord, checkCharacters?: boolean): RowOutcome<TransactionRow>[];
  /**
   * The last order; throws `ImportFileError` for unknown statuses or currencies, unless `check` is false (the
   * preview of a file's first rows, where these are judged later on the whole file).
   */
  end(options?: { check?: boolean }): RowOutcome<TransactionRow>[];
  readonly summary: OrderSummary;
}

/** An order being read: from its first row, plus its lines. */
interface OpenOrder {
  orderId: string;
  line: number;
  cells: string[];
  customerId: string;
  purchaseDate: string;
  totalCents: number;
  refundCents: number;
  /** The status as it decides: normalised, or `cancelled`/`uncaptured`/`test` from other columns. */
  status: string;
  /** The status as written (for the report and for unknown values). */
  statusText: string;
  currency: string | null;
  quantity: number;
  channel: string | null;
  errors: RowError[] | null;
}

const TEST_PAYMENT = /\bbogus\b|\btest\b/i;
/** Statuses read from other columns than the status: a cancellation date, an uncaptured charge, a test gateway. */
const OTHER_COLUMN_STATUSES = ["cancelled", "uncaptured", "test"];

/**
 * A customer key as compared: trimmed; an e-mail address also in lower case (`Anna@Example.NL ` and
 * `anna@example.nl` are one customer).
 *
 * @example customerKey("  Anna.de.Vries@Example.NL ") // "anna.de.vries@example.nl"
 * @example customerKey(" KB-100017 ") // "KB-100017"
 */
export function customerKey(value: string): string {
  const trimmed = value.trim();
  return trimmed.includes("@") ? trimmed.toLowerCase() : trimmed;
}

/**
 * Creates the order reader of one platform file.
 *
 * @example
 * const reader = createOrderReader({ platform: SHOPIFY, header, columns, formats: { decimal: ".", dateFormat: "YYYY-MM-DD", today: "2026-01-01" }, timeZone: "Europe/Amsterdam" });
 * // rows "#1001,Anna@x.nl,paid,2025-12-01 14:36:00 +0100,59.90" and "#1001,,,,," (a second line) give one purchase of 5990 cents for anna@x.nl
 */
export function createOrderReader(options: OrderReaderOptions): OrderReader {
  const { platform, header, columns, formats, timeZone } = options;
  const zone = platform.timestamps;
  const dateFormat = platform.dateFormat ?? formats.dateFormat;
  const decimal = platform.decimal ?? formats.decimal;
  // Exactly the user's statuses count when given; the platform's refunded and excluded ones keep their meaning.
  const judge = createStatusJudge(platform.statuses, options.countStatuses);
  const company = options.currency?.trim().toUpperCase() || null;
  const tally = createOrderTally({ id: platform.id, name: platform.name }, company);
  const summary = tally.summary;
  const currencies = new Map<string, number>();
  const seen = new Set<string>();
  let open: OpenOrder | null = null;

  const name = (field: PlatformField): string => {
    const column = columns[field];
    return column === undefined ? field : (header[column]?.trim() ?? field);
  };
  const cell = (record: CsvRecord, field: PlatformField): string => cellText(record, columns[field]);
  // Order numbers and customer keys are identifiers (cell-text.ts); every other cell of an order's first row is free text.
  const charactersOf = encodingLabel(options.encoding ?? "utf-8");
  const identifierColumn = (field: PlatformField, label: string): IdentifierColumn => ({ column: name(field), label, encodingLabel: charactersOf });
  const orderColumn = identifierColumn("order", "order number");
  const customerColumn = identifierColumn("customer", "customer");
  const textLabels: (string | null | undefined)[] = header.map(() => undefined);
  for (const field of ["order", "customer"] as const) if (columns[field] !== undefined) textLabels[columns[field]!] = null;
  const textColumns = { header: [...header], labels: textLabels, encodingLabel: charactersOf };
  const addError = (order: OpenOrder, field: PlatformField, value: string, reason: string) => {
    (order.errors ??= []).push({ line: order.line, column: name(field), value, reason });
  };
  const money = (order: OpenOrder, record: CsvRecord, field: PlatformField, required: boolean): number => {
    const text = cell(record, field);
    if (text === "") {
      if (required) addError(order, field, text, `is empty: the order's first row needs its ${field === "amount" ? "total" : field}`);
      return 0;
    }
    const parsed = parseAmountCents(text, decimal);
    if (parsed.ok) return parsed.value;
    addError(order, field, text, parsed.reason);
    return 0;
  };

  const start = (record: CsvRecord, orderId: string, checkCharacters: boolean): OpenOrder => {
    const order: OpenOrder = {
      orderId,
      line: record.line,
      cells: record.cells,
      customerId: customerKey(cell(record, "customer")),
      purchaseDate: "",
      totalCents: 0,
      refundCents: 0,
      status: "",
      statusText: cell(record, "status"),
      currency: optionalText(cell(record, "currency"))?.toUpperCase() ?? null,
      quantity: 0,
      channel: optionalText(cell(record, "channel")),
      errors: null,
    };
    for (const error of [
      identifierError(orderId, record.line, orderColumn),
      order.customerId === "" ? null : identifierError(order.customerId, record.line, customerColumn),
      freeTextError(record, textColumns, checkCharacters),
    ]) {
      if (error) (order.errors ??= []).push(error);
    }
    const dateText = cell(record, "date");
    const date = purchaseDate(dateText, { zone, dateFormat, timeZone, today: formats.today });
    if (date.ok) order.purchaseDate = date.value;
    else addError(order, "date", dateText, `purchase date ${date.reason}`);
    order.totalCents = money(order, record, "amount", true);
    order.refundCents = Math.abs(money(order, record, "refund", false));
    order.status = normaliseStatus(order.statusText);
    // Other columns can overrule a status that would count: a cancellation date, a charge never captured, a test gateway.
    if (judge.verdict(order.statusText) === "purchase") {
      if (cell(record, "cancelledAt") !== "") order.status = "cancelled";
      else if (columns.captured !== undefined && /^(false|no|0)$/i.test(cell(record, "captured"))) order.status = "uncaptured";
      else if (TEST_PAYMENT.test(cell(record, "paymentMethod"))) order.status = "test";
    }
    return order;
  };

  const addLine = (order: OpenOrder, record: CsvRecord) => {
    const text = cell(record, "quantity");
    const parsed = text === "" ? null : parseAmountCents(text, decimal);
    order.quantity += parsed?.ok && parsed.value > 0 ? Math.round(parsed.value / 100) : 1;
  };

  const close = (order: OpenOrder): RowOutcome<TransactionRow>[] => {
    summary.orders += 1;
    if (order.errors) return [{ ok: false, line: order.line, cells: order.cells, errors: order.errors }];
    if (order.customerId === "") {
      summary.guests.orders += 1;
      summary.guests.cents += order.totalCents - order.refundCents;
      return [];
    }
    const status = order.status;
    let noPurchase: string | null | undefined;
    let stored: StoredOrderValue | null = null;
    if (OTHER_COLUMN_STATUSES.includes(status)) {
      const fromOtherColumn = normaliseStatus(order.statusText) !== status;
      noPurchase = fromOtherColumn ? status : order.statusText;
      tally.exclude(noPurchase, order.totalCents);
    } else {
      const decision = decideOrder(judge, order.statusText, order.totalCents, order.refundCents);
      noPurchase = tally.count(decision, order.totalCents, order.refundCents);
      stored = storedOrderValue(decision, order.totalCents, order.refundCents);
    }
    if (noPurchase === undefined) return []; // an unknown status: the import stops at the end
    // Only purchases must share the company's currency (a failed charge in another currency changes nothing).
    if (noPurchase === null && order.currency) currencies.set(order.currency, (currencies.get(order.currency) ?? 0) + 1);
    const row: TransactionRow = {
      line: order.line,
      orderId: order.orderId,
      customerId: order.customerId,
      purchaseDate: order.purchaseDate,
      revenueCents: stored?.revenueCents ?? order.totalCents - order.refundCents,
      costCents: 0,
      quantity: Math.max(order.quantity, 1),
      channel: order.channel,
      productCategory: null,
      contentKey: null,
    };
    if (stored === null) {
      if (noPurchase !== null) row.noPurchase = noPurchase;
    } else if (stored.refundedCents > 0) row.refundedCents = stored.refundedCents;
    return [{ ok: true, row }];
  };

  return {
    push(record, checkCharacters = true) {
      summary.rows += 1;
      const overLength = overLengthError(record);
      if (overLength) return [{ ok: false, line: record.line, cells: record.cells, errors: [overLength] }];
      const orderId = cell(record, "order");
      if (open && orderId === open.orderId) {
        if (platform.orders !== "one-row") addLine(open, record);
        return [];
      }
      if (orderId !== "" && seen.has(orderId)) return []; // an order met earlier in the file: counted there
      const done = open ? close(open) : [];
      if (orderId === "") {
        open = null;
        done.push({ ok: false, line: record.line, cells: record.cells, errors: [{ line: record.line, column: name("order"), value: "", reason: "order number is empty: every row of this export belongs to an order" }] });
        summary.orders += 1;
        return done;
      }
      seen.add(orderId);
      open = start(record, orderId, checkCharacters);
      addLine(open, record);
      return done;
    },
    end({ check = true } = {}) {
      const done = open ? close(open) : [];
      open = null;
      summary.currency ??= [...currencies.keys()][0] ?? null;
      tally.finish();
      const problems: ImportProblem[] = [];
      if (tally.unknown.size > 0) problems.push(unknownStatusProblem(platform.name, tally.unknown, judge.counting));
      const currencyProblem = checkCurrencies(currencies, company);
      if (currencyProblem) problems.push(currencyProblem);
      if (problems.length > 0 && check) throw new ImportFileError(problems);
      return done;
    },
    summary,
  };
}

/** More than one currency, or another than the company's: refused, with the currencies and their orders. */
export function checkCurrencies(currencies: Map<string, number>, company: string | null): ImportProblem | null {
  const foreign = company ? [...currencies.keys()].filter((code) => code !== company) : [];
  if (currencies.size <= 1 && foreign.length === 0) return null;
  const what = currencies.size > 1 ? `orders in ${currencies.size} currencies: ${listCounts(currencies)}` : `orders in ${listCounts(currencies)}`;
  return {
    severity: "error",
    code: "currency",
    message:
      `Nothing was imported: the file has ${what}${company ? `, and the company's currency is ${company} (Settings)` : ""}. ` +
      `Values in different currencies cannot be added up: export one currency at a time${company ? ` (${company})` : ""}, or change the company's currency first.`,
  };
}
