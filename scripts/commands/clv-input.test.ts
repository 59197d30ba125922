import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { isoFromDayNumber } from "../../lib/clv/iso-date";
import { simulateTransactionLog } from "../../lib/clv/simulate";
import { readSummaryCsv, readTransactionsCsv } from "./clv-input";
import { UsageError } from "./command";
import { compareCommand } from "./compare";
import { fitCommand } from "./fit";
import { csvSafeText, scoreCommand } from "./score";

const directory = mkdtempSync(path.join(os.tmpdir(), "clv-input-test-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const full = path.join(directory, name);
  writeFileSync(full, text);
  return full;
};

async function captureJson(run: () => unknown): Promise<Record<string, unknown>> {
  let output = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    output += String(chunk);
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(output) as Record<string, unknown>;
}

describe("readTransactionsCsv", () => {
  it("reads ids, ISO dates and amounts, with CRLF, quotes, extra columns and blank lines", () => {
    const columns = readTransactionsCsv(
      file("t.csv", 'customer_id,date,quantity,amount\r\n7,1997-01-01,2,29.33\r\n"8,x",1997-01-02,1,"1.5"\r\n\r\n7,1997-01-18T10:00:00,2,-3.5e1\r\n'),
    );
    expect(columns.customerIds).toEqual(["7", "8,x"]);
    expect(Array.from(columns.customer)).toEqual([0, 1, 0]);
    expect(Array.from(columns.day)).toEqual([9862, 9863, 9879]);
    expect(columns.amount[0]).toBe(29.33);
    expect(columns.amount[1]).toBe(1.5);
    expect(() => readTransactionsCsv(file("comma.csv", 'customer_id,date,amount\n1,1997-01-01,"1,5"\n'))).toThrow(/line 2: amount "1,5" is not a number/);
    expect(columns.amount[2]).toBe(-35);
  });

  it("renames columns and names the line of a bad value", () => {
    const renamed = readTransactionsCsv(file("r.csv", "Klant;x\nwho,when,value\na,2020-02-29,1\n".replace("Klant;x\n", "")), { customer: "who", date: "when", amount: "value" });
    expect(renamed.customerIds).toEqual(["a"]);
    expect(() => readTransactionsCsv(file("bad.csv", "customer_id,date,amount\na,2020-01-01,1\nb,2020-02-30,1\n"))).toThrow(/bad.csv line 3: "2020-02-30" is not an ISO date/);
    expect(() => readTransactionsCsv(file("bad2.csv", "customer_id,date,amount\na,2020-01-01,abc\n"))).toThrow(/line 2: amount "abc" is not a number/);
    expect(() => readTransactionsCsv(file("bad3.csv", "customer,date,amount\n"))).toThrow(/no customer column/);
    expect(() => readTransactionsCsv(path.join(directory, "missing.csv"))).toThrow(/cannot open/);
  });

  it("keeps ids apart across many customers and chunk boundaries", () => {
    const lines = ["customer_id,date,amount"];
    for (let i = 0; i < 300_000; i++) lines.push(`cust-${i % 70_001},2020-01-${String(1 + (i % 28)).padStart(2, "0")},${i % 100}.25`);
    const columns = readTransactionsCsv(file("many.csv", `${lines.join("\n")}\n`));
    expect(columns.rows).toBe(300_000);
    expect(columns.customerIds).toHaveLength(70_001);
    for (const i of [0, 70_000, 70_001, 123_457, 299_999]) {
      expect(columns.customerIds[columns.customer[i]!]).toBe(`cust-${i % 70_001}`);
      expect(columns.amount[i]).toBe((i % 100) + 0.25);
    }
  });
});

describe("reading as the import does", () => {
  it("a line break inside quotes stays in its cell: right customers and totals through clv score", async () => {
    const others = simulateTransactionLog({ r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, { p: 6, q: 4, v: 15 }, { customers: 300, startDay: 9862, acquisitionDays: 60, endDay: 10100, seed: 5 });
    const transactions = file(
      "quoted-break.csv",
      [
        "customer_id,date,amount,note",
        '7,1997-01-01,10,"gift card, line one',
        '8,1997-01-02,99,line two of the same note"',
        "7,1997-02-01,20,plain",
        '9,1997-01-05,5,"a ""quoted"" note, see\r\n10,1997-01-06,50,the same note"',
        "9,1997-03-05,7.5,",
        "9,1997-03-20,2.5,x",
        // Enough other customers for the models to fit.
        ...Array.from(others.customer, (c, i) => `${others.customerIds[c]},${isoFromDayNumber(others.day[i]!)},${others.amount[i]},`),
      ].join("\n"),
    );
    const out = path.join(directory, "quoted-break-scores.csv");
    const summary = await captureJson(() =>
      scoreCommand.run(["--transactions", transactions, "--calibration-end", "1997-06-30", "--unit", "week", "--model", "bgnbd", "--horizon", "13", "--out", out]),
    );
    expect(summary.customers).toBe(302);
    const rows = readFileSync(out, "utf8").trim().split("\n").slice(1).map((line) => line.split(",")).filter((row) => !others.customerIds.includes(row[0]!));
    // customer, repeat purchases, mean repeat amount: 8 and 10 are in notes, not customers
    expect(rows.map((row) => [row[0], row[1], row[4]])).toEqual([
      ["7", "1", "20"],
      ["9", "2", "5"],
    ]);
  });

  it("names the line where a record starts, after a cell over several lines", () => {
    const bad = file("quoted-then-bad.csv", 'customer_id,date,amount\n"a\nb",2020-01-01,1\nc,2020-13-01,1\n');
    expect(() => readTransactionsCsv(bad)).toThrow(/quoted-then-bad.csv line 4: "2020-13-01" is not an ISO date/);
    expect(readTransactionsCsv(file("quoted-id.csv", 'customer_id,date,amount\n"a\nb",2020-01-01,1\n')).customerIds).toEqual(["a\nb"]);
  });

  it("reads a byte-order mark, UTF-16, Windows-1252 and old-Mac line ends", () => {
    const text = "customer_id,date,amount\r\nJosé,2020-01-01,1.25\r\n";
    const bom = readTransactionsCsv(file("bom.csv", `\uFEFF${text}`));
    expect(bom.customerIds).toEqual(["José"]);
    const utf16 = path.join(directory, "utf16.csv");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect(readTransactionsCsv(utf16).customerIds).toEqual(["José"]);
    const latin = path.join(directory, "cp1252.csv");
    writeFileSync(latin, Buffer.from(text, "latin1"));
    expect(readTransactionsCsv(latin).customerIds).toEqual(["José"]);
    const mac = readTransactionsCsv(file("mac.csv", "customer_id,date,amount\ra,2020-01-01,1\rb,2020-01-02,2\r"));
    expect(mac.customerIds).toEqual(["a", "b"]);
    expect(Array.from(mac.amount)).toEqual([1, 2]);
  });

  it("stops at a quote that is never closed, naming its line", () => {
    expect(() => readTransactionsCsv(file("open-quote.csv", 'customer_id,date,amount\na,2020-01-01,1\n"b,2020-01-02,2\n'))).toThrow(
      /open-quote.csv: A quote \(\"\) opened on line 3 is never closed/,
    );
  });
});

describe("commands", () => {
  const log = simulateTransactionLog({ r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, { p: 6, q: 4, v: 15 }, { customers: 2000, startDay: 9862, acquisitionDays: 60, endDay: 10100, seed: 3 });
  const transactions = file(
    "log.csv",
    [
      "customer_id,date,amount",
      ...Array.from(log.customer, (c, i) => `${log.customerIds[c]},${isoFromDayNumber(log.day[i]!)},${log.amount[i]}`),
      "=cmd,1997-01-05,10",
      "=cmd,1997-02-05,12",
    ].join("\n"),
  );

  it("fit prints the contract's JSON", async () => {
    const result = await captureJson(() => fitCommand.run(["--transactions", transactions, "--model", "gammagamma", "--calibration-end", "1997-03-31"]));
    expect(Object.keys(result)).toEqual(["model", "unit", "customers", "params", "standardErrors", "logLikelihood", "converged", "iterations", "seconds"]);
    expect(result.model).toBe("gammagamma");
    expect(Object.keys(result.params as object)).toEqual(["p", "q", "v"]);
  });

  it("score writes one CSV row per customer with escaped ids", async () => {
    const out = path.join(directory, "scores.csv");
    const summary = await captureJson(() => scoreCommand.run(["--transactions", transactions, "--calibration-end", "1997-03-31", "--unit", "week", "--model", "bgnbd", "--horizon", "13", "--out", out]));
    expect(summary.customers).toBe(2001);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_spend,clv");
    expect(lines).toHaveLength(2002);
    expect(lines.some((line) => line.startsWith("'=cmd,"))).toBe(true);
    for (const line of lines.slice(1)) expect(line.split(",").slice(1).every((v) => Number.isFinite(Number(v)))).toBe(true);
  });

  it("compare prints every registered model", async () => {
    const result = await captureJson(() => compareCommand.run(["--transactions", transactions, "--calibration-end", "1997-04-30", "--holdout-end", "1997-08-31"]));
    expect((result.models as { model: string }[]).map((m) => m.model)).toContain("bgnbd");
  });

  it("bad arguments are usage errors", () => {
    expect(() => fitCommand.run(["--model", "bgnbd"])).toThrow(UsageError);
    expect(() => fitCommand.run(["--summary", "x.csv", "--transactions", "y.csv", "--model", "bgnbd"])).toThrow(/exactly one/);
    expect(() => fitCommand.run(["--transactions", transactions, "--model", "nope"])).toThrow(/unknown purchase model/);
    expect(() => scoreCommand.run(["--transactions", transactions, "--calibration-end", "1997-03-31", "--model", "bgnbd", "--horizon", "-2"])).toThrow(/--horizon -2/);
    expect(() => compareCommand.run(["--transactions", transactions, "--calibration-end", "1997-03-31", "--holdout-end", "1997-01-01"])).toThrow(/must be after/);
    expect(() => fitCommand.run(["--bogus", "1"])).toThrow(/unknown option --bogus/);
  });

  it("reads the papers' summary file format", () => {
    const summary = readSummaryCsv(file("s.csv", "ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n2,0,0,38.86,0\n"));
    expect(Array.from(summary.x)).toEqual([2, 0]);
    expect(Array.from(summary.T)).toEqual([38.86, 38.86]);
    expect(Array.from(summary.tx)).toEqual([30.43, 0]);
  });

  it("csvSafeText defuses formulas and quotes separators", () => {
    expect(csvSafeText("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvSafeText("+31")).toBe("'+31");
    expect(csvSafeText("-2")).toBe("'-2");
    expect(csvSafeText("@x")).toBe("'@x");
    expect(csvSafeText('a,"b"')).toBe('"a,""b"""');
    expect(csvSafeText("plain")).toBe("plain");
  });
});
