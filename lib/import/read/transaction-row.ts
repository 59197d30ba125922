/**
 * Turns one row of a transactions file into a typed transaction, or into the reasons it cannot be
 * imported. One validator is made per file (the mapping and formats are fixed), then called per row.
 */
import { parseAmountCents } from "./amount";
import { freeTextError, identifierError, overLengthError } from "./cell-text";
import type { ColumnMapping } from "./column-mapping";
import { transactionContentKey, type TransactionContent } from "./content-key";
import type { CsvRecord } from "./csv-parser";
import { parseDate } from "./date-format";
import { encodingLabel, type TextEncodingName } from "./encoding";
import { normaliseHeader, TRANSACTION_FIELDS, type TransactionField } from "./fields";
import { customerKey } from "../platforms/orders";
import type { RowError } from "./problems";
import { cellText, extraCellsError, isRejectedRowColumn, optionalText, type RowOutcome, type ValueFormats } from "./row-outcome";

/**
 * A purchase (or refund, with negative amounts) ready for the database: its content (customer, ISO
 * purchase date, amounts in cents, quantity, channel, category) plus where it came from.
 */
export interface TransactionRow extends TransactionContent {
  /** Line in the file where the row starts. */
  line: number;
  /** Order or invoice number, `null` when the file has none. */
  orderId: string | null;
  /**
   * Stable key of the row's content, for re-importing files without order numbers (see content-key.ts);
   * `null` when the row has an order number, which identifies it.
   */
  contentKey: string | null;
  /**
   * What was refunded on the row's order (or line), in cents; `revenueCents` is already net of it. Absent
   * means nothing. An order refunded in full travels as a row worth 0 with its total here: it is stored,
   * and is no purchase (lib/scoring/purchase-rule.ts).
   */
  refundedCents?: number;
  /**
   * Set (to the status as the file writes it) for an order the file names that is no purchase and is not
   * stored: failed, voided, cancelled, pending, test (and an order worth nothing that was refunded:
   * "refunded"). It only tells the store that an order an earlier import stored is no purchase any more
   * (re-exports update: it is taken back). Absent for purchases and for orders refunded in full.
   */
  noPurchase?: string;
}

export interface TransactionValidatorOptions {
  header: string[];
  mapping: ColumnMapping<TransactionField>;
  formats: ValueFormats;
  /** The file's delimiter, named in messages about rows with too many values. */
  delimiter?: string;
  /** The encoding the text was read with, named in messages about unreadable bytes (default UTF-8). */
  encoding?: TextEncodingName;
}

/** Adds an error to a row's list, creating the list on the first error (most rows have none). */
function append(errors: RowError[] | null, error: RowError): RowError[] {
  if (!errors) return [error];
  errors.push(error);
  return errors;
}

function labelOf(field: TransactionField): string {
  return TRANSACTION_FIELDS.find((definition) => definition.field === field)!.label;
}

/**
 * Creates the row validator of one transactions file. Empty cost means 0, empty quantity means 1;
 * customer number, date and amount are required. Quantities must be whole numbers. Customer and order
 * numbers are checked as identifiers, every other cell as free text (see cell-text.ts); pass
 * `checkCharacters: false` only for a row whose text is known to hold no forbidden character.
 *
 * @example
 * createTransactionValidator({ header: ["klant", "datum", "bedrag"], mapping: { customer: 0, date: 1, amount: 2 },
 *   formats: { decimal: ",", dateFormat: "DD-MM-YYYY", today: "2026-11-23" } })({ line: 2, cells: ["K1", "23-11-2025", "1.234,56"] })
 * // { ok: true, row: { line: 2, customerId: "K1", purchaseDate: "2025-11-23", revenueCents: 123456, costCents: 0, quantity: 1, ... } }
 */
export function createTransactionValidator(
  options: TransactionValidatorOptions,
): (record: CsvRecord, checkCharacters?: boolean) => RowOutcome<TransactionRow> {
  const { header, mapping, formats, delimiter } = options;
  const encoding = encodingLabel(options.encoding ?? "utf-8");
  const { decimal, dateFormat, today } = formats;
  const columnName = (field: TransactionField): string => {
    const column = mapping[field];
    return column === undefined ? labelOf(field) : (header[column]?.trim() ?? labelOf(field));
  };
  const names = Object.fromEntries(TRANSACTION_FIELDS.map((definition) => [definition.field, columnName(definition.field as TransactionField)])) as Record<
    TransactionField,
    string
  >;
  const errorFor = (field: TransactionField, line: number, value: string, reason: string): RowError => ({
    line,
    column: names[field],
    value,
    reason: `${labelOf(field)} ${reason}`,
  });
  // The status and refund columns stay part of a row's content key: keys of files imported before they could be mapped stay the same.
  const mapped = new Set(Object.entries(mapping).flatMap(([field, column]) => (field === "status" || field === "refund" ? [] : [column])));
  const otherColumns = header
    .map((name, column) => ({ key: normaliseHeader(name), name, column }))
    .filter(({ key, name, column }) => key !== "" && !mapped.has(column) && !isRejectedRowColumn(name))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.column - b.column));
  // Free-text checks name mapped columns by their field; customer and order numbers are identifiers.
  const textLabels: (string | null | undefined)[] = header.map(() => undefined);
  for (const definition of TRANSACTION_FIELDS) {
    const column = mapping[definition.field as TransactionField];
    if (column !== undefined) textLabels[column] = definition.field === "customer" || definition.field === "order" ? null : definition.label;
  }
  const textColumns = { header, labels: textLabels, encodingLabel: encoding };
  const customerColumn = { column: names.customer, label: labelOf("customer"), encodingLabel: encoding };
  const orderColumn = { column: names.order, label: labelOf("order"), encodingLabel: encoding };

  return (record, checkCharacters = true) => {
    // No functions are created per row: this runs a million times for a large file.
    const overLength = overLengthError(record);
    if (overLength) return { ok: false, line: record.line, cells: record.cells, errors: [overLength] };
    let errors: RowError[] | null = null;

    // An e-mail address as customer number is compared trimmed and in lower case: one customer, one identity.
    const customerId = customerKey(cellText(record, mapping.customer));
    if (customerId === "") errors = append(errors, errorFor("customer", record.line, customerId, "is empty: every row needs the customer's number"));
    else {
      const error = identifierError(customerId, record.line, customerColumn);
      if (error) errors = append(errors, error);
    }

    const dateText = cellText(record, mapping.date);
    let purchaseDate = "";
    if (dateText === "") {
      errors = append(errors, errorFor("date", record.line, dateText, "is empty: every row needs the date of the purchase"));
    } else if (!dateFormat) {
      errors = append(errors, errorFor("date", record.line, dateText, "cannot be read: choose the date format of the file first"));
    } else {
      const date = parseDate(dateText, dateFormat, { today });
      if (date.ok) purchaseDate = date.value;
      else errors = append(errors, errorFor("date", record.line, dateText, date.reason));
    }

    const amountText = cellText(record, mapping.amount);
    let revenueCents = 0;
    if (amountText === "") {
      errors = append(errors, errorFor("amount", record.line, amountText, "is empty: every row needs an amount (write 0 for a free order)"));
    } else {
      const amount = parseAmountCents(amountText, decimal);
      if (amount.ok) revenueCents = amount.value;
      else errors = append(errors, errorFor("amount", record.line, amountText, amount.reason));
    }

    const costText = cellText(record, mapping.cost);
    let costCents = 0;
    if (costText !== "") {
      const cost = parseAmountCents(costText, decimal);
      if (cost.ok) costCents = cost.value;
      else errors = append(errors, errorFor("cost", record.line, costText, cost.reason));
    }

    const quantityText = cellText(record, mapping.quantity);
    let quantity = 1;
    if (quantityText !== "") {
      const parsed = parseAmountCents(quantityText, decimal);
      if (!parsed.ok) errors = append(errors, errorFor("quantity", record.line, quantityText, parsed.reason));
      else if (parsed.value % 100 !== 0) errors = append(errors, errorFor("quantity", record.line, quantityText, `'${quantityText}' is not a whole number: write 1, 2, 3...`));
      else quantity = parsed.value / 100;
    }

    const orderId = optionalText(cellText(record, mapping.order));
    if (orderId !== null) {
      const error = identifierError(orderId, record.line, orderColumn);
      if (error) errors = append(errors, error);
    }

    const text = freeTextError(record, textColumns, checkCharacters);
    if (text) errors = append(errors, text);
    const extra = extraCellsError(record, header, delimiter);
    if (extra) errors = append(errors, extra);
    if (errors) return { ok: false, line: record.line, cells: record.cells, errors };

    const channel = optionalText(cellText(record, mapping.channel));
    const productCategory = optionalText(cellText(record, mapping.category));
    const content = { customerId, purchaseDate, revenueCents, costCents, quantity, channel, productCategory };
    let contentKey: string | null = null;
    if (orderId === null) {
      // Only rows without an order number need a key of their content (hashing is a visible share of a big import).
      const others: [string, string][] = [];
      for (const { key, column } of otherColumns) others.push([key, cellText(record, column)]);
      contentKey = transactionContentKey(content, others);
    }
    return { ok: true, row: { line: record.line, orderId, ...content, contentKey } };
  };
}
