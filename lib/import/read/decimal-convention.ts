/**
 * Decides whether an amount column writes `1.234,56` (decimal comma) or `1,234.56` (decimal point)
 * from a sample of its values.
 */
import { unsignAmount, type DecimalSeparator } from "./amount";

export interface DetectedDecimal {
  decimal: DecimalSeparator;
  /** How it was decided: from values that show it, or a guess from the delimiter when none do. */
  evidence: "values" | "guess";
  /**
   * True when the sample only has values such as `1.234` or `1,234` that read differently in the two
   * conventions: the UI should ask the user.
   */
  ambiguous: boolean;
  /** Values that show a decimal comma, and values that show a decimal point. */
  commaVotes: number;
  pointVotes: number;
  /** Up to three values that can be read both ways. */
  ambiguousExamples: string[];
}

/**
 * Looks at each value once: a value with both `.` and `,` has its decimal separator last; a value
 * with one separator followed by 1, 2 or 4+ digits (`12,5`, `1234.56`) uses it for decimals; a value
 * like `1.234` (exactly three digits after a single kind of separator) could be either.
 * Without evidence: decimal point when the delimiter is a comma, otherwise decimal comma (Dutch Excel).
 *
 * @example detectDecimalSeparator(["12,50", "1.234,56", "3"]).decimal // ","
 * @example detectDecimalSeparator(["1.234", "2.500"]).ambiguous // true
 */
export function detectDecimalSeparator(samples: string[], options: { delimiter?: string } = {}): DetectedDecimal {
  let commaVotes = 0;
  let pointVotes = 0;
  let ambiguousComma = 0;
  let ambiguousPoint = 0;
  const ambiguousExamples: string[] = [];
  for (const sample of samples) {
    const body = unsignAmount(sample).body.replace(/[\s\u00a0\u202f']/g, "");
    if (!/^[\d.,]*\d[\d.,]*$/.test(body)) continue;
    const lastComma = body.lastIndexOf(",");
    const lastPoint = body.lastIndexOf(".");
    if (lastComma >= 0 && lastPoint >= 0) {
      if (lastComma > lastPoint) commaVotes++;
      else pointVotes++;
    } else if (lastComma >= 0 || lastPoint >= 0) {
      const separator = lastComma >= 0 ? "," : ".";
      if (/^\d{1,3}([.,]\d{3})+$/.test(body)) {
        if (body.split(separator).length > 2) {
          // `1.234.567` can only be thousands.
          if (separator === ",") pointVotes++;
          else commaVotes++;
        } else {
          if (separator === ",") ambiguousComma++;
          else ambiguousPoint++;
          if (ambiguousExamples.length < 3) ambiguousExamples.push(sample.trim());
        }
      } else if (separator === ",") commaVotes++;
      else pointVotes++;
    }
  }
  const base = { commaVotes, pointVotes, ambiguousExamples };
  if (commaVotes > 0 || pointVotes > 0) {
    return { ...base, decimal: commaVotes >= pointVotes ? "," : ".", evidence: "values", ambiguous: false };
  }
  if (ambiguousComma > 0 || ambiguousPoint > 0) {
    // `1.234` in a file is more often Dutch thousands than three decimals, and `1,234` English thousands.
    return { ...base, decimal: ambiguousPoint >= ambiguousComma ? "," : ".", evidence: "guess", ambiguous: true };
  }
  return { ...base, decimal: options.delimiter === "," ? "." : ",", evidence: "guess", ambiguous: false };
}

/** Reads a user-supplied decimal separator (`,`, `comma`, `komma`, `.`, `point`, `punt`) or returns `null`. */
export function parseDecimalName(name: string): DecimalSeparator | null {
  const key = name.trim().toLowerCase();
  if (key === "," || key === "comma" || key === "komma") return ",";
  if (key === "." || key === "point" || key === "dot" || key === "punt") return ".";
  return null;
}
