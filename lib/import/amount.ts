/**
 * Money amounts as written in exports: `1.234,56` (Dutch), `1,234.56` (English), `1234,56`, `-12,50`,
 * `€ 12,50`, `12,50 EUR`, `(12.50)` (accounting negative), `12,50-` (SAP negative), `1 234,56` (space as
 * thousands separator). Parsed digit by digit into integer cents, so no floating-point error.
 */
import type { ParseResult } from "./problems";

/** Which character separates the whole euros from the cents. */
export type DecimalSeparator = "," | ".";

const CURRENCY_START = /^(?:€|eur(?:o)?|\$|usd|£|gbp)\s*/i;
const CURRENCY_END = /\s*(?:€|eur(?:o)?|\$|usd|£|gbp)$/i;
/** Spaces (normal, non-breaking, narrow non-breaking) and the Swiss apostrophe group thousands. */
const GROUP_CHARS = /[\s\u00a0\u202f']/g;
const MAX_EURO_DIGITS = 13;
const PLAIN_COMMA = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/;
const PLAIN_POINT = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

function separatorName(separator: DecimalSeparator): string {
  return separator === "," ? "a decimal comma" : "a decimal point";
}

function example(decimal: DecimalSeparator): string {
  return decimal === "," ? "1234,56 or 1.234,56" : "1234.56 or 1,234.56";
}

interface Unsigned {
  negative: boolean;
  body: string;
}

/** Strips currency, sign and accounting brackets: `-€ 1.234,56` → { negative: true, body: "1.234,56" }. */
export function unsignAmount(text: string): Unsigned {
  let body = text.trim();
  let negative = false;
  if (body.startsWith("(") && body.endsWith(")")) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  body = body.replace(CURRENCY_START, "").replace(CURRENCY_END, "");
  const first = body.charAt(0);
  if (first === "-" || first === "\u2212" || first === "+") {
    negative = negative !== (first !== "+");
    body = body.slice(1).trim().replace(CURRENCY_START, "").replace(CURRENCY_END, "");
  } else {
    const last = body.charAt(body.length - 1);
    if (last === "-" || last === "\u2212") {
      negative = !negative;
      body = body.slice(0, -1).trim().replace(CURRENCY_END, "");
    }
  }
  return { negative, body };
}

/**
 * Parses an amount into integer cents with the column's decimal separator. More than two decimals are
 * rounded half away from zero (`0,125` → 13 cents). The reason of a failure starts with the value
 * in quotes, so a caller can put the column name in front of it.
 *
 * @example parseAmountCents("1.234,56", ",") // { ok: true, value: 123456 }
 * @example parseAmountCents("(12.50)", ".") // { ok: true, value: -1250 }
 * @example parseAmountCents("12,3,4", ",") // { ok: false, reason: "'12,3,4' is not a number: use 1234,56 or 1.234,56" }
 */
export function parseAmountCents(text: string, decimal: DecimalSeparator): ParseResult<number> {
  // Fast path for the common plain forms (`-1234,5`, `1.234,56`); everything else takes the full path.
  const plain = (decimal === "," ? PLAIN_COMMA : PLAIN_POINT).exec(text);
  if (plain) {
    const euros = decimal === "," ? plain[2]!.replaceAll(".", "") : plain[2]!.replaceAll(",", "");
    if (euros.length <= MAX_EURO_DIGITS) {
      const cents = Number(euros) * 100 + Number(((plain[3] ?? "") + "00").slice(0, 2));
      return { ok: true, value: plain[1] && cents !== 0 ? -cents : cents };
    }
  }
  const shown = `'${text.trim()}'`;
  const { negative, body } = unsignAmount(text);
  if (body === "") {
    return { ok: false, reason: text.trim() === "" ? "is empty" : `${shown} has no digits: use ${example(decimal)}` };
  }
  const first = body.charAt(0);
  if (first === "=" || first === "@") {
    return { ok: false, reason: `${shown} is a spreadsheet formula, not a number: export the values instead of the formulas` };
  }
  if (/^\d+(?:[.,]\d+)?e[+-]?\d+$/i.test(body)) {
    return {
      ok: false,
      reason: `${shown} is in scientific notation: format the column as a number with two decimals in Excel and export again`,
    };
  }
  if (!/^[\d.,\s\u00a0\u202f']+$/.test(body) || !/\d/.test(body)) {
    return { ok: false, reason: `${shown} is not a number: use ${example(decimal)}` };
  }
  const group = decimal === "," ? "." : ",";
  const parts = body.split(decimal);
  if (parts.length > 2) {
    return { ok: false, reason: `${shown} is not a number: use ${example(decimal)}` };
  }
  const euros = parts[0]!;
  const fraction = parts[1] ?? "";
  if (!/^\d*$/.test(fraction)) {
    const swapped = fraction.includes(group);
    return {
      ok: false,
      reason: swapped
        ? `${shown} is written with ${separatorName(group)}, but this column uses ${separatorName(decimal)}: write ${example(decimal)}`
        : `${shown} is not a number: use ${example(decimal)}`,
    };
  }
  if (parts.length === 2 && fraction === "") {
    return { ok: false, reason: `${shown} has no digits after '${decimal}': use ${example(decimal)}` };
  }
  let digits = euros;
  if (!/^\d*$/.test(euros)) {
    const groups = euros.split(group === "." ? /[.\s\u00a0\u202f']/ : /[,\s\u00a0\u202f']/);
    const separators = euros.replace(/\d/g, "");
    const mixed = new Set(separators.replace(GROUP_CHARS, " ").split("")).size > 1;
    const wellGrouped = !mixed && /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((part) => /^\d{3}$/.test(part));
    if (!wellGrouped) {
      const wrongDecimal = parts.length === 1 && groups.length === 2 && separators === group;
      return {
        ok: false,
        reason: wrongDecimal
          ? `${shown} is written with ${separatorName(group)}, but this column uses ${separatorName(decimal)}: write ${example(decimal)}`
          : `${shown} is not a number: use ${example(decimal)}`,
      };
    }
    digits = groups.join("");
  }
  digits = digits.replace(/^0+(?=\d)/, "");
  if (digits.length > MAX_EURO_DIGITS) {
    return { ok: false, reason: `${shown} is too large for an amount` };
  }
  const cents = Number(digits || "0") * 100 + Number((fraction + "00").slice(0, 2)) + (fraction.charCodeAt(2) >= 53 ? 1 : 0);
  return { ok: true, value: negative && cents !== 0 ? -cents : cents };
}

/**
 * Writes integer cents as an amount in either convention, optionally with thousands separators.
 *
 * @example formatCents(-123456, ",", { thousands: true }) // "-1.234,56"
 * @example formatCents(5, ".") // "0.05"
 */
export function formatCents(cents: number, decimal: DecimalSeparator, options: { thousands?: boolean } = {}): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`Cents must be a safe integer, got ${cents}.`);
  const sign = cents < 0 ? "-" : "";
  const absolute = String(Math.abs(cents)).padStart(3, "0");
  let euros = absolute.slice(0, -2);
  if (options.thousands) euros = euros.replace(/\B(?=(\d{3})+$)/g, decimal === "," ? "." : ",");
  return `${sign}${euros}${decimal}${absolute.slice(-2)}`;
}
