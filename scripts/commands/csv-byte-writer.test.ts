import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CsvByteWriter } from "./csv-byte-writer";

/** What the writer puts in a file for `write`. */
function written(write: (out: CsvByteWriter) => void): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "csv-bytes-"));
  try {
    const file = path.join(folder, "out.csv");
    const descriptor = openSync(file, "w");
    try {
      const out = new CsvByteWriter(descriptor);
      write(out);
      out.flush();
    } finally {
      closeSync(descriptor);
    }
    return readFileSync(file, "utf8");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The rule in words: round to six decimals, drop trailing zeros, no "-0". */
function byHand(value: number): string {
  const rounded = Math.round(Math.abs(value) * 1e6) / 1e6;
  if (rounded === 0) return "0";
  return `${value < 0 ? "-" : ""}${rounded.toFixed(6).replace(/\.?0+$/, "")}`;
}

describe("CsvByteWriter", () => {
  it("writes numbers with at most six decimals, trailing zeros dropped", () => {
    const values = [0, 1, -1, 2.5, 1 / 3, -2 / 3, 0.000001, 0.0000004, -0.0000004, 0.1 + 0.2, 10, 100.05, 123456789.123456, 52.142857, 1e-7, 8999999999.999999];
    expect(written((out) => values.forEach((value) => (out.number(value), out.byte(10))))).toBe(values.map((value) => `${byHand(value)}\n`).join(""));
  });

  it("agrees with the rule on many random values of every size", () => {
    let state = 7;
    const random = () => ((state = (Math.imul(state, 48271) >>> 0) % 2147483647) / 2147483647);
    const values = Array.from({ length: 20_000 }, () => (random() - 0.3) * 10 ** Math.floor(random() * 14 - 4));
    expect(written((out) => values.forEach((value) => (out.number(value), out.byte(44))))).toBe(values.map((value) => `${byHand(value)},`).join(""));
  });

  it("writes very large numbers as String does, and refuses what is not finite", () => {
    expect(written((out) => out.number(1e22))).toBe("1e+22");
    expect(() => written((out) => out.number(Number.NaN))).toThrow(/not finite/);
  });

  it("writes text as UTF-8 and keeps going past a megabyte", () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `klant-${i},Zoë ${i} 😀`);
    expect(written((out) => rows.forEach((row) => (out.text(row), out.byte(10))))).toBe(rows.map((row) => `${row}\n`).join(""));
  });
});
