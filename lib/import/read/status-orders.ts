/**
 * An ordinary transactions file with a status column or a refunded-amount column, read as orders: the same
 * meaning as a platform export's (platforms/status-rules.ts), for a webshop's own order list.
 *
 * - Every row is validated as in any transactions file (transaction-row.ts); its refunded amount is read
 *   from the refund column and lowers that row's value (on the row's date: the file has no refund date).
 * - The rows of one order (the same order number, one after another) are one order: their amounts and
 *   refunds are summed, and the status of its first row decides. A row without an order number is an order
 *   of its own. An order number met again further down is more lines of that order, decided on their own.
 * - A status that counts makes a purchase, stored line by line as the file has them, each with its refund
 *   (the store sums the lines of an order); an order whose refunds take all of its value, or whose status
 *   says refunded, is refunded in full: one row worth 0 with the order's total as `refundedCents`, stored
 *   and no purchase (lib/scoring/purchase-rule.ts); any other status is no purchase; a status the rules do
 *   not know stops the import, listed with its count (`unknown-status`), until the user says which count.
 * - An order that is no purchase by its status gives one row marked `noPurchase` (when it has an order
 *   number), so that the store can take back what an earlier import stored for it.
 *
 * Only made when a status or refund column is mapped: a file without them is read row by row as before,
 * with no extra work per row.
 */
import { parseAmountCents } from "./amount";
import type { ColumnMapping } from "./column-mapping";
import type { CsvRecord } from "./csv-parser";
import type { TextEncodingName } from "./encoding";
import type { TransactionField } from "./fields";
import { ImportFileError, type RowError } from "./problems";
import { cellText, optionalText, type RowOutcome, type ValueFormats } from "./row-outcome";
import { createTransactionValidator, type TransactionRow } from "./transaction-row";
import { createOrderTally } from "../platforms/order-tally";
import type { OrderReader } from "../platforms/orders";
import { createStatusJudge, decideOrder, OWN_FILE_STATUS_RULES, storedOrderValue, unknownStatusProblem, type StatusJudge } from "../platforms/status-rules";

/** How the report names such a file: "Read as a transactions file with statuses: 12 rows = 8 orders; ...". */
export const OWN_FILE_ORDERS = { id: "own-file", name: "transactions file with statuses" } as const;

export interface StatusOrderReaderOptions {
  header: string[];
  /** With `status` and/or `refund` mapped. */
  mapping: ColumnMapping<TransactionField>;
  formats: ValueFormats;
  delimiter?: string;
  encoding?: TextEncodingName;
  /** The statuses (as written) that count as purchases; every other status is then no purchase. */
  countStatuses?: readonly string[];
  /** The company's currency, for the report's amounts. */
  currency?: string;
}

/** An order being read: its first row's status, its lines' outcomes, their sums. */
interface OpenOrder {
  orderId: string | null;
  statusText: string;
  lines: TransactionRow[];
  refundsCents: number[];
  rejected: RowOutcome<TransactionRow>[];
  totalCents: number;
  refundCents: number;
}

/**
 * Creates the reader of one ordinary file with a status or refund column. Same interface as the platform
 * reader: `push` gives the outcomes of the orders a row completes, `end` the last (and throws for unknown
 * statuses), `summary` what was done.
 *
 * @example
 * const reader = createStatusOrderReader({ header: ["order", "klant", "datum", "bedrag", "status"], mapping: { order: 0, customer: 1, date: 2, amount: 3, status: 4 },
 *   formats: { decimal: ",", dateFormat: "DD-MM-YYYY", today: "2026-01-01" } });
 * reader.push({ line: 2, cells: ["W1", "K1", "01-12-2025", "10,00", "Betaald"] }); // []: the order may have more lines
 * reader.end(); // [{ ok: true, row: { orderId: "W1", revenueCents: 1000, ... } }]
 */
export function createStatusOrderReader(options: StatusOrderReaderOptions): OrderReader {
  const { mapping, formats } = options;
  const validate = createTransactionValidator(options);
  // Without a status column (a refund column only) every order counts, net of its refunds.
  const judge: StatusJudge = mapping.status === undefined ? { verdict: () => "purchase", counting: [] } : createStatusJudge(OWN_FILE_STATUS_RULES, options.countStatuses);
  const tally = createOrderTally({ ...OWN_FILE_ORDERS }, options.currency?.trim().toUpperCase() || null);
  const summary = tally.summary;
  const refundColumnName = mapping.refund === undefined ? "" : (options.header[mapping.refund]?.trim() ?? "refunded amount");
  const seen = new Set<string>();
  let open: OpenOrder | null = null;

  const refundOf = (record: CsvRecord): { cents: number } | { error: RowError } => {
    const text = cellText(record, mapping.refund);
    if (text === "") return { cents: 0 };
    const parsed = parseAmountCents(text, formats.decimal);
    if (parsed.ok) return { cents: Math.abs(parsed.value) };
    return { error: { line: record.line, column: refundColumnName, value: text, reason: `refunded amount ${parsed.reason}` } };
  };

  const close = (order: OpenOrder): RowOutcome<TransactionRow>[] => {
    const done: RowOutcome<TransactionRow>[] = order.rejected;
    if (order.lines.length === 0) return done;
    const decision = decideOrder(judge, order.statusText, order.totalCents, order.refundCents);
    const noPurchase = tally.count(decision, order.totalCents, order.refundCents);
    if (noPurchase === undefined) return done; // an unknown status: the import stops at the end
    if (noPurchase === null) {
      order.lines.forEach((row, index) => {
        const refundedCents = order.refundsCents[index]!;
        row.revenueCents -= refundedCents;
        if (refundedCents > 0) row.refundedCents = refundedCents;
        done.push({ ok: true, row });
      });
      return done;
    }
    const first = order.lines[0]!;
    let quantity = 0;
    for (const line of order.lines) quantity += line.quantity;
    // Refunded in full: one row for the order, worth 0 (no cost either: it adds nothing), with its total refunded.
    const stored = storedOrderValue(decision, order.totalCents, order.refundCents);
    if (stored !== null) {
      done.push({ ok: true, row: { ...first, ...stored, costCents: 0, quantity } });
      return done;
    }
    // No purchase: one row for the order, for the store to take back an earlier import's (needs an order number).
    if (order.orderId === null) return done;
    done.push({ ok: true, row: { ...first, revenueCents: order.totalCents - order.refundCents, quantity, noPurchase } });
    return done;
  };

  return {
    push(record, checkCharacters = true) {
      summary.rows += 1;
      const outcome = validate(record, checkCharacters);
      const orderId = outcome.ok ? outcome.row.orderId : optionalText(cellText(record, mapping.order));
      const done: RowOutcome<TransactionRow>[] = [];
      if (!open || orderId === null || orderId !== open.orderId) {
        if (open) done.push(...close(open));
        if (orderId === null || !seen.has(orderId)) summary.orders += 1;
        if (orderId !== null) seen.add(orderId);
        open = { orderId, statusText: cellText(record, mapping.status), lines: [], refundsCents: [], rejected: [], totalCents: 0, refundCents: 0 };
      }
      const refund = refundOf(record);
      if (!outcome.ok) {
        if ("error" in refund) outcome.errors.push(refund.error);
        open.rejected.push(outcome);
      } else if ("error" in refund) {
        open.rejected.push({ ok: false, line: record.line, cells: record.cells, errors: [refund.error] });
      } else {
        open.lines.push(outcome.row);
        open.refundsCents.push(refund.cents);
        open.totalCents += outcome.row.revenueCents;
        open.refundCents += refund.cents;
      }
      return done;
    },
    end({ check = true } = {}) {
      const done = open ? close(open) : [];
      open = null;
      tally.finish();
      if (tally.unknown.size > 0 && check) throw new ImportFileError([unknownStatusProblem("file", tally.unknown, judge.counting)]);
      return done;
    },
    summary,
  };
}
