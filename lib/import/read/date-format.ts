/**
 * Date formats found in exports, and parsing one date into ISO `YYYY-MM-DD`. A time after the date
 * (`23-11-2026 14:05`, `2026-11-23T14:05:00Z`) is ignored: the calendar date is taken as written.
 * Day and month may have one or two digits in every format with separators (`D-M-YYYY` is `DD-MM-YYYY`).
 */
import type { ParseResult } from "./problems";

/** The formats Klantwaarde reads. `EXCEL_SERIAL` is Excel's day number (45000 = 2023-03-15). */
export type DateFormat =
  | "YYYY-MM-DD"
  | "YYYY/MM/DD"
  | "YYYYMMDD"
  | "DD-MM-YYYY"
  | "DD/MM/YYYY"
  | "DD.MM.YYYY"
  | "MM/DD/YYYY"
  | "MM-DD-YYYY"
  | "DD-MM-YY"
  | "DD/MM/YY"
  | "DD.MM.YY"
  | "MM/DD/YY"
  | "EXCEL_SERIAL";

type Order = "ymd" | "dmy" | "mdy";

interface FormatRule {
  order: Order;
  pattern: RegExp;
  /** A correct example of 23 November 2026, for messages. */
  example: string;
}

const TIME = String.raw`(?:(?:T|\s+)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2})?)?`;

function rule(order: Order, date: string, example: string): FormatRule {
  return { order, pattern: new RegExp(`^\\s*${date}${TIME}\\s*$`), example };
}

const D = String.raw`(\d{1,2})`;
const Y4 = String.raw`(\d{4})`;
const Y2 = String.raw`(\d{2})`;

/** The rules in order of preference: when two formats fit a sample equally, the first one is suggested. */
const RULES: Record<Exclude<DateFormat, "EXCEL_SERIAL">, FormatRule> = {
  "YYYY-MM-DD": rule("ymd", `${Y4}-${D}-${D}`, "2026-11-23"),
  "YYYY/MM/DD": rule("ymd", `${Y4}/${D}/${D}`, "2026/11/23"),
  YYYYMMDD: rule("ymd", String.raw`(\d{4})(\d{2})(\d{2})`, "20261123"),
  "DD-MM-YYYY": rule("dmy", `${D}-${D}-${Y4}`, "23-11-2026"),
  "DD/MM/YYYY": rule("dmy", `${D}/${D}/${Y4}`, "23/11/2026"),
  "DD.MM.YYYY": rule("dmy", String.raw`${D}\.${D}\.${Y4}`, "23.11.2026"),
  "MM/DD/YYYY": rule("mdy", `${D}/${D}/${Y4}`, "11/23/2026"),
  "MM-DD-YYYY": rule("mdy", `${D}-${D}-${Y4}`, "11-23-2026"),
  "DD-MM-YY": rule("dmy", `${D}-${D}-${Y2}`, "23-11-26"),
  "DD/MM/YY": rule("dmy", `${D}/${D}/${Y2}`, "23/11/26"),
  "DD.MM.YY": rule("dmy", String.raw`${D}\.${D}\.${Y2}`, "23.11.26"),
  "MM/DD/YY": rule("mdy", `${D}/${D}/${Y2}`, "11/23/26"),
};

/** Every supported format, in order of preference. */
export const DATE_FORMATS: readonly DateFormat[] = [...(Object.keys(RULES) as DateFormat[]), "EXCEL_SERIAL"];

/** An example of the format (23 November 2026), for messages and the format picker. */
export function dateFormatExample(format: DateFormat): string {
  return format === "EXCEL_SERIAL" ? "46349" : RULES[format].example;
}

/** Reads a user-supplied format (`dd-mm-yyyy`, `D-M-YYYY`, `iso`, `excel`) or returns `null`. */
export function parseDateFormatName(name: string): DateFormat | null {
  const key = name.trim().toUpperCase().replace(/\bD\b/g, "DD").replace(/\bM\b/g, "MM").replace(/^JJJJ/, "YYYY");
  if (key === "ISO") return "YYYY-MM-DD";
  if (key === "EXCEL" || key === "SERIAL" || key === "EXCEL_SERIAL") return "EXCEL_SERIAL";
  return (DATE_FORMATS as readonly string[]).includes(key) ? (key as DateFormat) : null;
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Days in a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** The ISO date of an Excel serial day number (1900 date system, including Excel's 1900-02-29 quirk). */
export function excelSerialToIso(serial: number): string | null {
  const day = Math.floor(serial);
  if (!(day >= 1 && day <= 2_958_465) || day === 60) return null;
  const epoch = Date.UTC(1899, 11, day < 60 ? 31 : 30);
  return new Date(epoch + day * 86_400_000).toISOString().slice(0, 10);
}

interface ParseDateOptions {
  /** Today as ISO `YYYY-MM-DD`: later dates are rejected, and two-digit years are read up to it. */
  today: string;
}

function checkDate(shown: string, year: number, month: number, day: number, options: ParseDateOptions, format: DateFormat): ParseResult<string> {
  if (month < 1 || month > 12) {
    return { ok: false, reason: `${shown} is not a date in the format ${format}: there is no month ${month}` };
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    return {
      ok: false,
      reason: `${shown} does not exist: ${MONTH_NAMES[month - 1]} ${year} has ${daysInMonth(year, month)} days`,
    };
  }
  if (year < 1900) return { ok: false, reason: `${shown} is before 1900: check the year` };
  const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (iso > options.today) return { ok: false, reason: `${shown} is in the future (today is ${options.today}): check the date` };
  return { ok: true, value: iso };
}

/**
 * Parses one date in a known format into ISO `YYYY-MM-DD`. Rejects dates that do not exist (31-02),
 * dates before 1900 and dates after `today`. Failure reasons start with the value in quotes.
 *
 * @example parseDate("23-11-2025 14:05", "DD-MM-YYYY", { today: "2026-01-01" }) // { ok: true, value: "2025-11-23" }
 * @example parseDate("31-02-2025", "DD-MM-YYYY", { today: "2026-01-01" }) // { ok: false, reason: "'31-02-2025' does not exist: February 2025 has 28 days" }
 */
export function parseDate(text: string, format: DateFormat, options: ParseDateOptions): ParseResult<string> {
  const plain = plainDate(text, format);
  if (plain !== null && plain <= options.today) return { ok: true, value: plain };
  const shown = `'${text.trim()}'`;
  if (text.trim() === "") return { ok: false, reason: "is empty" };
  if (format === "EXCEL_SERIAL") {
    const body = text.trim().replace(",", ".");
    const serial = /^\d+(?:\.\d+)?$/.test(body) ? Number(body) : Number.NaN;
    const iso = excelSerialToIso(serial);
    if (!iso) return { ok: false, reason: `${shown} is not an Excel date number (such as 46349 for 2026-11-23)` };
    const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
    return checkDate(shown, year, month, day, options, format);
  }
  const formatRule = RULES[format];
  const match = formatRule.pattern.exec(text);
  if (!match) {
    return { ok: false, reason: `${shown} is not a date in the format ${format}: write it like ${formatRule.example}` };
  }
  const first = Number(match[1]);
  const second = Number(match[2]);
  const third = Number(match[3]);
  const [year, month, day] =
    formatRule.order === "ymd" ? [first, second, third] : formatRule.order === "dmy" ? [third, second, first] : [third, first, second];
  const fullYear = match[3]!.length === 2 && formatRule.order !== "ymd" ? expandTwoDigitYear(year, options.today) : year;
  return checkDate(shown, fullYear, month, day, options, format);
}

/** Formats with a four-digit year and one separator, read by `plainDate`: their order and separator. */
const PLAIN_FORMATS: Partial<Record<DateFormat, { order: Order; separator: number }>> = {
  "YYYY-MM-DD": { order: "ymd", separator: 45 },
  "YYYY/MM/DD": { order: "ymd", separator: 47 },
  "DD-MM-YYYY": { order: "dmy", separator: 45 },
  "DD/MM/YYYY": { order: "dmy", separator: 47 },
  "DD.MM.YYYY": { order: "dmy", separator: 46 },
  "MM/DD/YYYY": { order: "mdy", separator: 47 },
  "MM-DD-YYYY": { order: "mdy", separator: 45 },
};

/** ISO dates made by `plainDate`, by year * 10,000 + month * 100 + day (kept up to ISO_DATES_KEPT: 270 years of days). */
const isoDates = new Map<number, string>();
const ISO_DATES_KEPT = 100_000;

/**
 * The ISO date of a date written plainly in `format` (`23-11-2025`, `2025-11-23`, no spaces or time),
 * read character by character, or `null` when the text is anything else or no date from 1900 on
 * (`parseDate` then reads it the full way and says what is wrong). Does not compare with today.
 */
function plainDate(text: string, format: DateFormat): string | null {
  const plain = PLAIN_FORMATS[format];
  if (plain === undefined) return null;
  const length = text.length;
  const parts = [0, 0, 0];
  const widths = [0, 0, 0];
  let part = 0;
  for (let at = 0; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 48 && code <= 57) {
      parts[part] = parts[part]! * 10 + (code - 48);
      widths[part]!++;
    } else if (code === plain.separator && part < 2) {
      part++;
    } else {
      return null;
    }
  }
  if (part !== 2) return null;
  const yearAt = plain.order === "ymd" ? 0 : 2;
  for (let index = 0; index < 3; index++) {
    if (index === yearAt ? widths[index] !== 4 : widths[index]! < 1 || widths[index]! > 2) return null;
  }
  const year = parts[yearAt]!;
  const month = plain.order === "mdy" ? parts[0]! : parts[1]!;
  const day = plain.order === "ymd" ? parts[2]! : plain.order === "dmy" ? parts[0]! : parts[1]!;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const key = year * 10_000 + month * 100 + day;
  let iso = isoDates.get(key);
  if (iso === undefined) {
    iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    if (isoDates.size < ISO_DATES_KEPT) isoDates.set(key, iso);
  }
  return iso;
}

/** `26` → 2026 when that is not after today's year, else 1926. */
function expandTwoDigitYear(year: number, today: string): number {
  const thisYear = Number(today.slice(0, 4));
  return 2000 + year <= thisYear ? 2000 + year : 1900 + year;
}

/** Today's date as ISO `YYYY-MM-DD` in the local time zone (for callers; parsing never reads the clock). */
export function todayIso(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
}
