/**
 * ISO calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian), parsed by hand so that
 * ten million rows never create a `Date` object. Algorithm: Hinnant, "chrono-compatible low-level date
 * algorithms" (days_from_civil / civil_from_days).
 */
import { InvalidInputError } from "./errors";

/**
 * Day number of a calendar date (days since 1970-01-01).
 *
 * @example dayNumberFromCivil(1997, 9, 30) // 10134
 */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses `YYYY-MM-DD` (a longer ISO timestamp is cut to its date) into a day number; returns NaN when
 * the text is not a valid calendar date. Use `dayNumberFromIso` to throw instead.
 *
 * @example parseIsoDay("1997-01-01") // 9862
 * @example parseIsoDay("1997-02-30") // NaN
 */
export function parseIsoDay(text: string): number {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  if (text.length > 10) {
    const next = text.charCodeAt(10);
    if (next !== 84 && next !== 32 && next !== 116) return Number.NaN; // 'T', ' ', 't'
  }
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    year = year * 10 + digit;
  }
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const d1 = text.charCodeAt(8) - 48;
  const d2 = text.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return Number.NaN;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return dayNumberFromCivil(year, month, day);
}

/**
 * Like `parseIsoDay` but throws `InvalidInputError` naming the text.
 *
 * @example dayNumberFromIso("1997-09-30") // 10134
 */
export function dayNumberFromIso(text: string, what = "date"): number {
  const day = parseIsoDay(text.trim());
  if (Number.isNaN(day)) throw new InvalidInputError(`${what} "${text}" is not a valid ISO date (YYYY-MM-DD)`);
  return day;
}

/**
 * The ISO date `YYYY-MM-DD` of a day number.
 *
 * @example isoFromDayNumber(10134) // "1997-09-30"
 */
export function isoFromDayNumber(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${year < 0 ? "-" : ""}${pad(Math.abs(year), 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}
