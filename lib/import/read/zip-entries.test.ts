import { strFromU8, strToU8, zipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { buildZipBomb } from "@/lib/testing/zip-bomb";
import { inflateEntry, listZipEntries, ZipFormatError, ZipLimitError } from "./zip-entries";

const MB = 1024 * 1024;
const zip = zipSync({ "a.txt": strToU8("hello"), "b.txt": strToU8("x".repeat(100_000)), "c.txt": [strToU8("stored"), { level: 0 }] });

describe("listZipEntries", () => {
  test("lists every entry with its method and declared size", () => {
    const entries = listZipEntries(zip);
    expect([...entries.keys()]).toEqual(["a.txt", "b.txt", "c.txt"]);
    expect(entries.get("b.txt")).toMatchObject({ method: 8, declaredSize: 100_000 });
    expect(entries.get("c.txt")).toMatchObject({ method: 0, declaredSize: 6 });
  });

  test("refuses bytes without a central directory", () => {
    expect(() => listZipEntries(zip.subarray(0, zip.length - 30))).toThrow(ZipFormatError);
  });
});

describe("inflateEntry", () => {
  test("unpacks deflated and stored entries and charges them to the budget", () => {
    const entries = listZipEntries(zip);
    const budget = { limitBytes: MB, usedBytes: 0 };
    expect(strFromU8(inflateEntry(zip, entries.get("a.txt")!, budget))).toBe("hello");
    expect(inflateEntry(zip, entries.get("b.txt")!, budget).length).toBe(100_000);
    expect(strFromU8(inflateEntry(zip, entries.get("c.txt")!, budget))).toBe("stored");
    expect(budget.usedBytes).toBe(100_011);
  });

  test("the budget is shared: the entry that passes what is left is stopped", () => {
    const entries = listZipEntries(zip);
    const budget = { limitBytes: 100_003, usedBytes: 0 };
    inflateEntry(zip, entries.get("a.txt")!, budget);
    expect(() => inflateEntry(zip, entries.get("b.txt")!, budget)).toThrow(ZipLimitError);
  });

  test("an entry bound of its own", () => {
    expect(() => inflateEntry(zip, listZipEntries(zip).get("b.txt")!, { limitBytes: MB, usedBytes: 0 }, 50_000)).toThrow("'b.txt' unpacks to more than 50000 bytes");
  });

  test("a bomb that lies about its size stops within one slice of the bound", () => {
    const bomb = buildZipBomb({ inflatedBytes: 512 * MB });
    const sheet = listZipEntries(bomb).get("xl/worksheets/sheet1.xml")!;
    expect(sheet.declaredSize).toBe(1);
    const error = (() => {
      try {
        inflateEntry(bomb, sheet, { limitBytes: 10 * MB, usedBytes: 0 });
      } catch (caught) {
        return caught as ZipLimitError;
      }
    })();
    expect(error).toBeInstanceOf(ZipLimitError);
    expect(error!.inflatedBytes).toBeGreaterThan(10 * MB);
    expect(error!.inflatedBytes).toBeLessThan(10 * MB + 17 * MB); // at most one 16 KB slice (x1032) past the bound
  });
});
