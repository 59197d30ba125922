/** Number formats of the model page (locale-aware, pure). */
import { numberFormat as format } from "@/lib/format";

/** A model estimate to 4 significant digits: 0.2426, 4.414, 1,234. */
export function significant(value: number, locale: string): string {
  return Number.isFinite(value) ? format(locale, { maximumSignificantDigits: 4 }).format(value) : "–";
}

/** A number with a fixed number of decimals: log-likelihoods, BIC (1), errors per customer (3). */
export function decimals(value: number | null | undefined, locale: string, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : format(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A percentage in percent points with its sign: +2.8%, −4.1%. */
export function signedPercent(percent: number | null | undefined, locale: string): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return "–";
  return format(locale, { style: "percent", signDisplay: "exceptZero", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(percent / 100);
}

/** Greek letters for the papers' parameter names. */
export function parameterSymbol(name: string): string {
  return ({ alpha: "α", beta: "β" } as Record<string, string>)[name] ?? name;
}
