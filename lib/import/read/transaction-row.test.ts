import { describe, expect, test } from "vitest";
import type { ColumnMapping } from "./column-mapping";
import type { TransactionField } from "./fields";
import type { ValueFormats } from "./row-outcome";
import { createTransactionValidator } from "./transaction-row";

const header = ["klantnummer", "datum", "bedrag", "kosten", "ordernummer", "aantal", "kanaal", "categorie", "opmerking"];
const mapping: ColumnMapping<TransactionField> = { customer: 0, date: 1, amount: 2, cost: 3, order: 4, quantity: 5, channel: 6, category: 7 };
const formats: ValueFormats = { decimal: ",", dateFormat: "DD-MM-YYYY", today: "2026-11-23" };
const validate = createTransactionValidator({ header, mapping, formats, delimiter: ";" });

function row(cells: Partial<Record<"customer" | "date" | "amount" | "cost" | "order" | "quantity" | "channel" | "category" | "note", string>>, line = 7) {
  return {
    line,
    cells: [
      cells.customer ?? "K001",
      cells.date ?? "23-11-2025",
      cells.amount ?? "1.234,56",
      cells.cost ?? "",
      cells.order ?? "",
      cells.quantity ?? "",
      cells.channel ?? "",
      cells.category ?? "",
      cells.note ?? "",
    ],
  };
}

describe("createTransactionValidator", () => {
  test("a full Dutch row becomes a typed transaction", () => {
    const outcome = validate(row({ customer: " K001 ", cost: "-400,00", order: "ORD-1", quantity: "2", channel: "webshop", category: "Stoelen" }));
    expect(outcome).toEqual({
      ok: true,
      row: {
        line: 7,
        orderId: "ORD-1",
        customerId: "K001",
        purchaseDate: "2025-11-23",
        revenueCents: 123456,
        costCents: -40000,
        quantity: 2,
        channel: "webshop",
        productCategory: "Stoelen",
        contentKey: null,
      },
    });
    // Without an order number the row is identified by a key of its content.
    expect(validate(row({ customer: "K001" }))).toMatchObject({ ok: true, row: { orderId: null, contentKey: expect.stringMatching(/^[0-9a-f]{32}$/) } });
  });

  test("empty optional cells have their defaults", () => {
    const outcome = validate(row({}));
    expect(outcome).toMatchObject({ ok: true, row: { orderId: null, costCents: 0, quantity: 1, channel: null, productCategory: null } });
  });

  test("refunds keep their negative amount", () => {
    expect(validate(row({ amount: "-12,50" }))).toMatchObject({ ok: true, row: { revenueCents: -1250 } });
  });

  test.each([
    ["empty customer id", { customer: "  " }, "klantnummer", "", "customer number is empty: every row needs the customer's number"],
    ["empty date", { date: "" }, "datum", "", "purchase date is empty: every row needs the date of the purchase"],
    ["impossible date", { date: "31-02-2025" }, "datum", "31-02-2025", "purchase date '31-02-2025' does not exist: February 2025 has 28 days"],
    ["future date", { date: "01-01-2027" }, "datum", "01-01-2027", "purchase date '01-01-2027' is in the future (today is 2026-11-23): check the date"],
    ["date in another format", { date: "2025-11-23" }, "datum", "2025-11-23", "purchase date '2025-11-23' is not a date in the format DD-MM-YYYY: write it like 23-11-2026"],
    ["bad amount", { amount: "12,3,4" }, "bedrag", "12,3,4", "amount '12,3,4' is not a number: use 1234,56 or 1.234,56"],
    ["empty amount", { amount: "" }, "bedrag", "", "amount is empty: every row needs an amount (write 0 for a free order)"],
    ["formula amount", { amount: "=B2*2" }, "bedrag", "=B2*2", "amount '=B2*2' is a spreadsheet formula, not a number: export the values instead of the formulas"],
    ["bad cost", { cost: "gratis" }, "kosten", "gratis", "cost 'gratis' is not a number: use 1234,56 or 1.234,56"],
    ["fractional quantity", { quantity: "1,5" }, "aantal", "1,5", "quantity '1,5' is not a whole number: write 1, 2, 3..."],
  ])("%s is rejected with the column, value and reason", (_, cells, column, value, reason) => {
    expect(validate(row(cells))).toEqual({ ok: false, line: 7, cells: row(cells).cells, errors: [{ line: 7, column, value, reason }] });
  });

  test("all errors of a row are reported together", () => {
    const outcome = validate(row({ customer: "", date: "gisteren", amount: "veel" }));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.errors.map((error) => error.column)).toEqual(["klantnummer", "datum", "bedrag"]);
  });

  test("formula-looking text is kept as plain text, never evaluated", () => {
    const outcome = validate(row({ customer: '=HYPERLINK("http://evil.example","klik")', channel: "+31 20 123", category: "@SUM(A1)", order: "-ORD" }));
    expect(outcome).toMatchObject({
      ok: true,
      row: { customerId: '=HYPERLINK("http://evil.example","klik")', channel: "+31 20 123", productCategory: "@SUM(A1)", orderId: "-ORD" },
    });
  });

  test("the apostrophe our CSV writer adds is taken off again (rejected rows can be fixed and re-imported)", () => {
    expect(validate(row({ amount: "'-12,50", customer: "'=K1" }))).toMatchObject({ ok: true, row: { revenueCents: -1250, customerId: "=K1" } });
    expect(validate(row({ customer: "'t Hoekje" }))).toMatchObject({ ok: true, row: { customerId: "'t Hoekje" } });
  });

  test("a row with more values than the header is rejected: a value probably holds the delimiter", () => {
    const record = { line: 3, cells: [...row({}).cells, "extra"] };
    expect(validate(record)).toMatchObject({
      ok: false,
      errors: [{ column: "column 10", value: "extra", reason: "this row has 10 values but the header has 9 columns: a value probably contains ';' without quotes around it" }],
    });
  });

  test("a short row is read with empty cells", () => {
    expect(validate({ line: 4, cells: ["K1", "23-11-2025", "5"] })).toMatchObject({ ok: true, row: { revenueCents: 500, quantity: 1 } });
  });

  test("without a date format every date is an error asking to choose one", () => {
    const noFormat = createTransactionValidator({ header, mapping, formats: { ...formats, dateFormat: null } });
    expect(noFormat(row({}))).toMatchObject({ ok: false, errors: [{ reason: "purchase date cannot be read: choose the date format of the file first" }] });
  });

  test("the content key ignores formatting and column order but not content", () => {
    const key = (outcome: ReturnType<typeof validate>) => (outcome.ok ? outcome.row.contentKey : "rejected");
    const pointValidator = createTransactionValidator({ header, mapping, formats: { ...formats, decimal: "." } });
    expect(key(pointValidator(row({ amount: "1,234.56" })))).toBe(key(validate(row({}))));
    const reordered = createTransactionValidator({
      header: ["opmerking", "bedrag", "klantnummer", "datum"],
      mapping: { amount: 1, customer: 2, date: 3 },
      formats,
    });
    const plainHeader = createTransactionValidator({ header: ["klantnummer", "datum", "bedrag", "opmerking"], mapping: { customer: 0, date: 1, amount: 2 }, formats });
    expect(key(reordered({ line: 2, cells: ["cadeau", "10", "K1", "23-11-2025"] }))).toBe(key(plainHeader({ line: 9, cells: ["K1", "23-11-2025", "10,00", "cadeau"] })));
    expect(key(validate(row({ note: "cadeau" })))).not.toBe(key(validate(row({ note: "" }))));
    expect(key(validate(row({ amount: "1.234,57" })))).not.toBe(key(validate(row({}))));
  });
});
