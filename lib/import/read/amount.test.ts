import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatCents, parseAmountCents, type DecimalSeparator } from "./amount";

describe("parseAmountCents", () => {
  test.each<[string, DecimalSeparator, number]>([
    ["1.234,56", ",", 123456],
    ["1,234.56", ".", 123456],
    ["1234,56", ",", 123456],
    ["1234.56", ".", 123456],
    ["-12,50", ",", -1250],
    ["€ 12,50", ",", 1250],
    ["€12,50", ",", 1250],
    ["12,50 EUR", ",", 1250],
    ["-€ 12,50", ",", -1250],
    ["€ -12,50", ",", -1250],
    ["(12.50)", ".", -1250],
    ["12,50-", ",", -1250],
    ["−12,50", ",", -1250],
    ["+12,50", ",", 1250],
    ["1 234,56", ",", 123456],
    ["1\u00a0234,56", ",", 123456],
    ["1'234.56", ".", 123456],
    ["1.234.567,89", ",", 123456789],
    ["1.234", ",", 123400],
    ["1,234", ".", 123400],
    ["12", ",", 1200],
    ["12,5", ",", 1250],
    [",50", ",", 50],
    ["0,125", ",", 13],
    ["0,124", ",", 12],
    ["-0,005", ",", -1],
    ["0", ",", 0],
    ["-0,00", ",", 0],
    ["  7,00  ", ",", 700],
    ["0000012,34", ",", 1234],
    ["$ 5.00", ".", 500],
    ["9999999999999,99", ",", 999999999999999],
  ])("%s with decimal '%s' is %i cents", (text, decimal, cents) => {
    expect(parseAmountCents(text, decimal)).toEqual({ ok: true, value: cents });
  });

  test.each<[string, DecimalSeparator, string]>([
    ["12,3,4", ",", "'12,3,4' is not a number: use 1234,56 or 1.234,56"],
    ["abc", ",", "'abc' is not a number: use 1234,56 or 1.234,56"],
    ["12.5", ",", "'12.5' is written with a decimal point, but this column uses a decimal comma: write 1234,56 or 1.234,56"],
    ["12,5", ".", "'12,5' is written with a decimal comma, but this column uses a decimal point: write 1234.56 or 1,234.56"],
    ["1.234,56", ".", "'1.234,56' is written with a decimal comma, but this column uses a decimal point: write 1234.56 or 1,234.56"],
    ["1,234.56", ",", "'1,234.56' is written with a decimal point, but this column uses a decimal comma: write 1234,56 or 1.234,56"],
    ["12,", ",", "'12,' has no digits after ',': use 1234,56 or 1.234,56"],
    ["1.23.4,00", ",", "'1.23.4,00' is not a number: use 1234,56 or 1.234,56"],
    ["=SUM(A1:A3)", ",", "'=SUM(A1:A3)' is a spreadsheet formula, not a number: export the values instead of the formulas"],
    ["1,5E+3", ",", "'1,5E+3' is in scientific notation: format the column as a number with two decimals in Excel and export again"],
    ["€", ",", "'€' has no digits: use 1234,56 or 1.234,56"],
    ["", ",", "is empty"],
    ["12 50 EUR 3", ",", "'12 50 EUR 3' is not a number: use 1234,56 or 1.234,56"],
    ["99999999999999,00", ",", "'99999999999999,00' is too large for an amount"],
  ])("%s with decimal '%s' is rejected", (text, decimal, reason) => {
    expect(parseAmountCents(text, decimal)).toEqual({ ok: false, reason });
  });

  test("round-trips: cents formatted in either convention parse back to the same cents", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }),
        fc.constantFrom<DecimalSeparator>(",", "."),
        fc.boolean(),
        (cents, decimal, thousands) => {
          expect(parseAmountCents(formatCents(cents, decimal, { thousands }), decimal)).toEqual({ ok: true, value: cents });
        },
      ),
    );
  });

  test("round-trips with currency signs and spaces around the number", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.constantFrom("€ ", "€", ""), fc.constantFrom(" EUR", "", " "), (cents, before, after) => {
        const text = `${before}${formatCents(cents, ",", { thousands: true })}${after}`;
        expect(parseAmountCents(text, ",")).toEqual({ ok: true, value: cents });
      }),
    );
  });
});

describe("formatCents", () => {
  test.each<[number, DecimalSeparator, boolean, string]>([
    [123456, ",", true, "1.234,56"],
    [123456, ".", true, "1,234.56"],
    [-5, ",", false, "-0,05"],
    [100, ".", false, "1.00"],
    [0, ",", true, "0,00"],
  ])("%i cents with '%s' (thousands: %s) → %s", (cents, decimal, thousands, text) => {
    expect(formatCents(cents, decimal, { thousands })).toBe(text);
  });

  test("refuses cents that are not safe integers", () => {
    expect(() => formatCents(1.5, ",")).toThrow(/safe integer/);
  });
});
