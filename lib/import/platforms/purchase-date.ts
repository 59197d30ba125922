/**
 * The purchase date of a platform's timestamp in the company's time zone. Shopify writes
 * `2025-12-01 23:36:00 -0500` (local time with its offset), Stripe `2025-12-02 04:36:00` in UTC, Magento
 * `Dec 1, 2025 11:36:00 PM`: a purchase belongs to the day it was on the company's calendar, so an instant
 * becomes a date in the company's time zone (a setting, default Europe/Amsterdam).
 */
import { parseDate, type DateFormat } from "../read/date-format";
import type { ParseResult } from "../read/problems";
import type { TimestampZone } from "./platform";

const INSTANT = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?\s*$/i;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAME_DATE = /^\s*([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*$/;

/** Offsets of a time zone by quarter hour (offsets change on quarter hours at most): bounded, shared by all files. */
const offsetCache = new Map<string, Map<number, number>>();
const QUARTER_HOUR_MS = 15 * 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the time zone is ahead of UTC at the instant `epochMs`. */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const quarter = Math.floor(epochMs / QUARTER_HOUR_MS);
  const known = cache.get(quarter);
  if (known !== undefined) return known;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
    formatters.set(timeZone, format);
  }
  const at = quarter * QUARTER_HOUR_MS;
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((part) => [part.type, part.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const offset = Math.round((local - at) / 60_000);
  if (cache.size > 200_000) cache.clear();
  cache.set(quarter, offset);
  return offset;
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export interface PurchaseDateOptions {
  zone: TimestampZone;
  /** The file's date format for local dates (`null`: detected formats failed, every date is an error). */
  dateFormat: DateFormat | "MON D, YYYY" | null;
  timeZone: string;
  today: string;
}

/**
 * The ISO purchase date of a timestamp, or why it cannot be read.
 *
 * @example purchaseDate("2025-12-01 23:36:00 -0500", { zone: "offset", dateFormat: "YYYY-MM-DD", timeZone: "Europe/Amsterdam", today: "2026-01-01" }) // { ok: true, value: "2025-12-02" }
 * @example purchaseDate("2025-12-01 22:30:00", { zone: "utc", dateFormat: "YYYY-MM-DD", timeZone: "Europe/Amsterdam", today: "2026-01-01" }) // { ok: true, value: "2025-12-01" }
 * @example purchaseDate("2025-06-01 22:30:00", { zone: "utc", dateFormat: "YYYY-MM-DD", timeZone: "Europe/Amsterdam", today: "2026-01-01" }) // { ok: true, value: "2025-06-02" }
 * @example purchaseDate("Dec 1, 2025 11:36:00 PM", { zone: "local", dateFormat: "MON D, YYYY", timeZone: "Europe/Amsterdam", today: "2026-01-01" }) // { ok: true, value: "2025-12-01" }
 */
export function purchaseDate(text: string, options: PurchaseDateOptions): ParseResult<string> {
  const shown = `'${text.trim()}'`;
  if (text.trim() === "") return { ok: false, reason: "is empty" };
  let iso: string | null = null;
  if (options.zone !== "local") {
    const match = INSTANT.exec(text);
    const marker = match?.[7];
    if (match && (marker !== undefined || options.zone === "utc")) {
      const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((group) => Number(match[group]));
      let offsetMinutes = 0;
      if (marker !== undefined && !/^(Z|UTC)$/i.test(marker)) {
        const digits = marker.replace(":", "");
        offsetMinutes = (digits.startsWith("-") ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
      }
      const epochMs = Date.UTC(year!, month! - 1, day!, hour!, minute!, Number(match[6] ?? 0)) - offsetMinutes * 60_000;
      if (Number.isFinite(epochMs) && month! >= 1 && month! <= 12 && day! >= 1 && day! <= 31) {
        iso = isoDate(epochMs + zoneOffsetMinutes(epochMs, options.timeZone) * 60_000);
      }
    }
  }
  if (iso === null && options.dateFormat === "MON D, YYYY") {
    const match = MONTH_NAME_DATE.exec(text);
    const month = match ? MONTHS.indexOf(match[1]!.toLowerCase()) + 1 : 0;
    if (!match || month === 0) return { ok: false, reason: `${shown} is not a date like Dec 1, 2025` };
    return parseDate(`${match[3]}-${month}-${match[2]}`, "YYYY-MM-DD", { today: options.today });
  }
  if (iso === null) {
    if (!options.dateFormat || options.dateFormat === "MON D, YYYY") return { ok: false, reason: `${shown} cannot be read: choose the date format of the file first` };
    return parseDate(text, options.dateFormat, { today: options.today });
  }
  if (iso > options.today) return { ok: false, reason: `${shown} is in the future (today is ${options.today}): check the date` };
  if (iso < "1900-01-01") return { ok: false, reason: `${shown} is before 1900: check the year` };
  return { ok: true, value: iso };
}
