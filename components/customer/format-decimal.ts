import { numberFormat } from "@/lib/format";

/** A number with a fixed count of decimals in the reader's format: `formatDecimal(1.234, "nl-NL")` gives "1,2". */
export function formatDecimal(value: number, locale: string, fractionDigits = 1): string {
  return numberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }, `decimal|${fractionDigits}`).format(value);
}
