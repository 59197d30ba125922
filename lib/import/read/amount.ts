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

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const MINUS = 45;

/**
 * The cents of an amount in a plain form, read character by character without allocating: an optional
 * `-`, digits (grouped by threes with the other separator, or not grouped), and up to two decimals:
 * `-1234,5`, `1.234,56` with a decimal comma. `NaN` for anything else (currency, spaces, brackets,
 * more decimals, more than 13 digits), which `parseAmountCents` reads the full way.
 *
 * @example plainAmountCents("1.234,56", ",") // 123456
 * @example plainAmountCents("€ 12,50", ",") // NaN
 */
export function plainAmountCents(text: string, decimal: DecimalSeparator): number {
  const length = text.length;
  const groupCode = decimal === "," ? 46 : 44;
  const decimalCode = decimal === "," ? 44 : 46;
  let at = 0;
  const negative = length > 0 && text.charCodeAt(0) === MINUS;
  if (negative) at = 1;
  let euros = 0;
  let digits = 0;
  let run = 0;
  let grouped = false;
  for (; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      euros = euros * 10 + (code - DIGIT_0);
      digits++;
      run++;
    } else if (code === groupCode) {
      // The first group has one to three digits, every later group exactly three.
      if (grouped ? run !== 3 : run < 1 || run > 3) return Number.NaN;
      grouped = true;
      run = 0;
    } else {
      break;
    }
  }
  if (digits === 0 || digits > MAX_EURO_DIGITS || (grouped && run !== 3)) return Number.NaN;
  let cents = 0;
  if (at < length) {
    if (text.charCodeAt(at) !== decimalCode || at + 1 >= length) return Number.NaN;
    const first = text.charCodeAt(at + 1) - DIGIT_0;
    if (first < 0 || first > 9) return Number.NaN;
    cents = first * 10;
    at += 2;
    if (at < length) {
      const second = text.charCodeAt(at) - DIGIT_0;
      if (second < 0 || second > 9 || at + 1 !== length) return Number.NaN;
      cents += second;
    }
  }
  const total = euros * 100 + cents;
  return negative && total !== 0 ? -total : total;
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
  const plain = plainAmountCents(text, decimal);
  if (!Number.isNaN(plain)) return { ok: true, value: plain };
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
