import { describe, expect, it } from "vitest";
import { CustomerIdTable } from "./customer-id-table";

/** Looks every id up in one text, as the reader does (ids are spans of a chunk of the file). */
function intern(table: CustomerIdTable, ids: string[]): number[] {
  const text = ids.join("|");
  const found: number[] = [];
  let start = 0;
  for (const id of ids) {
    found.push(table.indexOf(text, start, start + id.length));
    start += id.length + 1;
  }
  return found;
}

describe("CustomerIdTable", () => {
  it("numbers ids in the order first seen and finds them again", () => {
    const table = new CustomerIdTable();
    expect(intern(table, ["C001", "C002", "C001", "C003", "C002"])).toEqual([0, 1, 0, 2, 1]);
    expect(table.ids).toEqual(["C001", "C002", "C003"]);
  });

  it("keeps apart ids that differ only in length, a NUL character, case or a character above U+00FF", () => {
    const ids = ["A", "A\u0000", "A\u0000\u0000", "a", "", "12345678", "123456789", "1234567", "ÿÿ", "Ā", "Ā\u0000", "€1", "émilie", "ÉMILIE"];
    const table = new CustomerIdTable();
    expect(intern(table, ids)).toEqual(ids.map((_, i) => i));
    expect(intern(table, [...ids].reverse())).toEqual(ids.map((_, i) => ids.length - 1 - i));
    expect(table.ids).toEqual(ids);
  });

  it("keeps long ids (e-mail addresses, platform ids) apart and exact", () => {
    const ids = ["cus_NffrFeUfNV2Hib", "cus_NffrFeUfNV2Hia", "anna@example.com", "anna@example.co", "gid://shopify/Customer/7445567095069", "👩‍💼 team"];
    const table = new CustomerIdTable();
    expect(intern(table, [...ids, ...ids])).toEqual([...ids.keys(), ...ids.keys()]);
    expect(table.ids).toEqual(ids);
  });

  it("stays exact across many customers (growing and rehashing), short and long ids mixed", () => {
    const table = new CustomerIdTable();
    const idOf = (i: number) => (i % 3 === 0 ? `${i}` : i % 3 === 1 ? `K${i}` : `customer-${i}@example.com`);
    const n = 200_000;
    const first = intern(table, Array.from({ length: n }, (_, i) => idOf(i)));
    expect(first).toEqual(Array.from({ length: n }, (_, i) => i));
    const again = intern(table, Array.from({ length: n }, (_, i) => idOf(n - 1 - i)));
    expect(again).toEqual(Array.from({ length: n }, (_, i) => n - 1 - i));
    expect(table.ids).toHaveLength(n);
    expect(table.ids[123_457]).toBe(idOf(123_457));
  });
});
