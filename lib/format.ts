/**
 * Number, money and date formatting for the whole app, in one place so every view reads the same.
 * Money is handled as integer cents everywhere and only turned into currency units here.
 */
export const DEFAULT_LOCALE = "en-GB";
export const DEFAULT_CURRENCY = "EUR";

/** Number formats by locale and options (a few dozen): making one takes ~50 µs, a page formats hundreds of numbers. */
const cache = new Map<string, Intl.NumberFormat>();

/**
 * The number format of `locale` with `options`, made once. `key` names the options when the caller can say them
 * more cheaply than as JSON (it must be unique to them).
 *
 * @example numberFormat("nl-NL", { maximumFractionDigits: 1 }).format(1.25) // "1,3"
 */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions, key = JSON.stringify(options)): Intl.NumberFormat {
  const fullKey = `${locale}|${key}`;
  let format = cache.get(fullKey);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(fullKey, format);
  }
  return format;
}

export interface MoneyOptions {
  locale?: string;
  currency?: string;
  /** Short form for axes and cards: €1.2m, €45k (British style). */
  compact?: boolean;
  /** Show cents (default: only below 1,000 in currency units). */
  cents?: boolean;
}

/** Formats an amount in cents as money: `formatMoney(123456)` gives "€1,234.56". */
export function formatMoney(amountCents: number, options: MoneyOptions = {}): string {
  const { locale = DEFAULT_LOCALE, currency = DEFAULT_CURRENCY, compact = false } = options;
  const units = amountCents / 100;
  const showCents = options.cents ?? (!compact && Math.abs(units) < 1000);
  const minimumFractionDigits = compact ? 0 : showCents ? 2 : 0;
  // Compact amounts keep one decimal only when abbreviated (€1.5k); "€677.6" would read as cents.
  const maximumFractionDigits = compact ? (Math.abs(units) < 1000 ? 0 : 1) : showCents ? 2 : 0;
  const notation = compact ? "compact" : "standard";
  return numberFormat(
    locale,
    { style: "currency", currency, notation, minimumFractionDigits, maximumFractionDigits },
    `money|${currency}|${notation}|${minimumFractionDigits}|${maximumFractionDigits}`,
  ).format(units);
}

/** Formats a count with thousands separators: `formatCount(12345)` gives "12,345". */
export function formatCount(value: number, locale: string = DEFAULT_LOCALE): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }, "count").format(value);
}

/** Formats a share (0..1) as a percentage: `formatPercent(0.4567)` gives "45.7%". */
export function formatPercent(share: number, locale: string = DEFAULT_LOCALE, fractionDigits = 1): string {
  return numberFormat(locale, { style: "percent", minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }, `percent|${fractionDigits}`).format(share);
}

/**
 * Formats an ISO timestamp as a date and time in UTC, saying so: "23 Nov 2026, 18:55 UTC" (Dutch:
 * "23 nov 2026, 18:55 UTC"). UTC, not the server's or the reader's zone, so a trail reads the same everywhere.
 */
export function formatDateTimeUtc(isoTimestamp: string, locale: string = DEFAULT_LOCALE): string {
  const moment = new Date(isoTimestamp);
  if (Number.isNaN(moment.getTime())) return isoTimestamp;
  const time = `${String(moment.getUTCHours()).padStart(2, "0")}:${String(moment.getUTCMinutes()).padStart(2, "0")}`;
  return `${formatDate(moment.toISOString().slice(0, 10), locale)}, ${time} UTC`;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Formats an ISO date `YYYY-MM-DD` for people: "23 Nov 2026" (no time zone shifts: dates are calendar days). */
export function formatDate(isoDate: string | null | undefined, locale: string = DEFAULT_LOCALE): string {
  if (!isoDate) return "–";
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  if (locale.startsWith("en")) return `${Number(day)} ${MONTHS_EN[Number(month) - 1]} ${year}`;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${year}-${month}-${day}T00:00:00Z`),
  );
}

/**
 * Formats a month key `YYYY-MM` as "Nov 2026" (Dutch: "nov 2026"), or "Nov '26" when short.
 */
export function formatMonth(monthKey: string, { short = false, locale = DEFAULT_LOCALE }: { short?: boolean; locale?: string } = {}): string {
  const match = /^(\d{4})-(\d{2})$/.exec(monthKey);
  if (!match) return monthKey;
  const name = locale.startsWith("en")
    ? MONTHS_EN[Number(match[2]) - 1]
    : new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(new Date(`${match[1]}-${match[2]}-01T00:00:00Z`)).replace(/\.$/, "");
  return short ? `${name} '${match[1]!.slice(2)}` : `${name} ${match[1]}`;
}

/** `loyalty_member` → "Loyalty member": soft-data keys come from the user's files, so only their form is tidied. */
export function attributeLabel(key: string): string {
  const words = key.replace(/[_-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** `209715200` → "200 MB" (binary megabytes, as file managers show them). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))} ${units[unit]}`;
}
