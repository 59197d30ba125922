/** The `@example`s of lib/clv, run (see examples.test-helpers.ts for how a stated value is compared). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { testExamples } from "./examples.test-helpers";

/**
 * The CDNOW sample of the papers (testdata/cdnow, 2,357 customers) as columns x, tx, T, monetary: the data
 * the examples of the fits and likelihoods name `cdnowSummary` (purchase and spend data alike).
 */
function cdnowSummary(): { x: number[]; tx: number[]; T: number[]; monetary: number[] } {
  const rows = readFileSync(path.resolve(import.meta.dirname, "testdata/cdnow/cdnow_sample_summary.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(",").map(Number));
  return { x: rows.map((row) => row[1]!), tx: rows.map((row) => row[2]!), T: rows.map((row) => row[3]!), monetary: rows.map((row) => row[4]!) };
}

testExamples(import.meta.dirname, { cdnowSummary, cdnowColumns: cdnowSummary });
