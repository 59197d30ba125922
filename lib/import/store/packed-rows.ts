/**
 * Row outcomes in a compact form for passing between threads: the numbers of valid transaction rows in
 * one Float64Array, their texts joined into one string with their lengths in an Int32Array. Copying
 * that between threads costs a fraction of copying a million row objects (measured ~0.7 against
 * ~2.8 µs a row), and reading them back (`packedOutcomes`) makes no object per row. Rejected rows, orders
 * that are no purchase (`noPurchase`, rare) and rows of other kinds travel as they are.
 */
import type { ImportKind } from "@/lib/import/read/fields";
import type { RowOutcome } from "@/lib/import/read/row-outcome";
import type { RowOf } from "@/lib/import/read/row-reader";
import type { TransactionRow } from "@/lib/import/read/transaction-row";

export interface PackedOutcomes {
  /** Number of outcomes, valid and rejected. */
  count: number;
  /** Per valid transaction: line, revenueCents, costCents, quantity, refundedCents (0 when absent). */
  numbers: Float64Array;
  /** Per valid transaction: the lengths of customerId, purchaseDate, orderId, channel, productCategory, contentKey (-1 for null). */
  lengths: Int32Array;
  text: string;
  /** Outcomes sent as they are (rejected rows, and every row of a customers file), with their place. */
  others: { at: number; outcome: RowOutcome<unknown> }[];
}

const NUMBERS = 5;
const TEXTS = 6;

/** Packs outcomes in file order; `packedOutcomes` gives them back equal. */
export function packOutcomes<K extends ImportKind>(kind: K, outcomes: RowOutcome<RowOf<K>>[]): PackedOutcomes {
  const others: PackedOutcomes["others"] = [];
  if (kind !== "transactions") {
    outcomes.forEach((outcome, at) => others.push({ at, outcome }));
    return { count: outcomes.length, numbers: new Float64Array(0), lengths: new Int32Array(0), text: "", others };
  }
  let valid = 0;
  const travelsAsItIs = (outcome: RowOutcome<RowOf<K>>) => !outcome.ok || (outcome.row as TransactionRow).noPurchase !== undefined;
  for (const outcome of outcomes) if (!travelsAsItIs(outcome)) valid++;
  const numbers = new Float64Array(valid * NUMBERS);
  const lengths = new Int32Array(valid * TEXTS);
  let text = "";
  let row = 0;
  const addText = (value: string | null, at: number) => {
    if (value === null) {
      lengths[at] = -1;
    } else {
      lengths[at] = value.length;
      text += value;
    }
  };
  for (let at = 0; at < outcomes.length; at++) {
    const outcome = outcomes[at]!;
    if (travelsAsItIs(outcome)) {
      others.push({ at, outcome });
      continue;
    }
    const transaction = (outcome as { row: TransactionRow }).row;
    numbers[row * NUMBERS] = transaction.line;
    numbers[row * NUMBERS + 1] = transaction.revenueCents;
    numbers[row * NUMBERS + 2] = transaction.costCents;
    numbers[row * NUMBERS + 3] = transaction.quantity;
    numbers[row * NUMBERS + 4] = transaction.refundedCents ?? 0;
    const texts = row * TEXTS;
    addText(transaction.customerId, texts);
    addText(transaction.purchaseDate, texts + 1);
    addText(transaction.orderId, texts + 2);
    addText(transaction.channel, texts + 3);
    addText(transaction.productCategory, texts + 4);
    addText(transaction.contentKey, texts + 5);
    row++;
  }
  return { count: outcomes.length, numbers, lengths, text, others };
}

/**
 * The outcomes of `packOutcomes` again, in file order, without making an object per row: every valid
 * transaction is given as the same row object, refilled for each (the hot path of a million-row import
 * makes no garbage). Read a row's fields before taking the next outcome; keep a copy to hold on to one.
 */
export function packedOutcomes<K extends ImportKind>(packed: PackedOutcomes): Iterable<RowOutcome<RowOf<K>>> {
  return { [Symbol.iterator]: () => new PackedOutcomeIterator<K>(packed) };
}

class PackedOutcomeIterator<K extends ImportKind> implements Iterator<RowOutcome<RowOf<K>>> {
  private at = 0;
  private row = 0;
  private other = 0;
  private position = 0;
  private readonly transaction: TransactionRow = {
    line: 0,
    orderId: null,
    customerId: "",
    purchaseDate: "",
    revenueCents: 0,
    costCents: 0,
    quantity: 0,
    refundedCents: undefined,
    channel: null,
    productCategory: null,
    contentKey: null,
  };
  private readonly valid = { ok: true as const, row: this.transaction as RowOf<K> };
  private readonly result: IteratorResult<RowOutcome<RowOf<K>>> = { done: false, value: this.valid };

  constructor(private readonly packed: PackedOutcomes) {}

  private nextText(at: number): string | null {
    const length = this.packed.lengths[at]!;
    if (length < 0) return null;
    const value = this.packed.text.slice(this.position, this.position + length);
    this.position += length;
    return value;
  }

  next(): IteratorResult<RowOutcome<RowOf<K>>> {
    const { packed, result } = this;
    if (this.at >= packed.count) return { done: true, value: undefined };
    const other = packed.others[this.other];
    if (other !== undefined && other.at === this.at) {
      this.at++;
      this.other++;
      result.value = other.outcome as RowOutcome<RowOf<K>>;
      return result;
    }
    const transaction = this.transaction;
    const texts = this.row * TEXTS;
    const numbers = this.row * NUMBERS;
    transaction.customerId = this.nextText(texts)!;
    transaction.purchaseDate = this.nextText(texts + 1)!;
    transaction.orderId = this.nextText(texts + 2);
    transaction.channel = this.nextText(texts + 3);
    transaction.productCategory = this.nextText(texts + 4);
    transaction.contentKey = this.nextText(texts + 5);
    transaction.line = packed.numbers[numbers]!;
    transaction.revenueCents = packed.numbers[numbers + 1]!;
    transaction.costCents = packed.numbers[numbers + 2]!;
    transaction.quantity = packed.numbers[numbers + 3]!;
    const refundedCents = packed.numbers[numbers + 4]!;
    transaction.refundedCents = refundedCents === 0 ? undefined : refundedCents; // absent, as it was packed
    this.at++;
    this.row++;
    result.value = this.valid;
    return result;
  }
}
