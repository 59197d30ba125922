/**
 * Model parameters in plain words for a marketer (pure: the page translates the keys). Parameters are in
 * weeks, as the snapshot's models are fitted; spend parameters in currency units.
 * - BG/NBD and MBG/NBD (Fader, Hardie & Lee 2005; Batislam et al. 2007): while active a customer buys at
 *   rate λ ~ Gamma(r, α), mean r/α a week, so about every α/r weeks; after each repeat purchase (MBG/NBD:
 *   also after the first) they stop with chance p ~ Beta(a, b), mean a/(a + b).
 * - Pareto/NBD (Schmittlein, Morrison & Colombo 1987): the same purchase rate; a customer stays active an
 *   exponential time at drop-out rate μ ~ Gamma(s, β), so the share still active t weeks after the first
 *   purchase is (β/(β + t))^s (Fader & Hardie 2005 note, §2), and at the mean rate s/β a lifetime is β/s weeks.
 * - Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 3): the mean order value of a customer has
 *   population mean p·v/(q − 1) when q > 1.
 * - The simple formula: the share of customers who buy again within a year.
 */

export type Duration = { unit: "weeks" | "months" | "years"; count: number };

/** Weeks as a duration people read easily: weeks up to 12, months up to two years, then years (one decimal). */
export function readableDuration(weeks: number): Duration {
  if (weeks < 12.5) return { unit: "weeks", count: Math.max(1, Math.round(weeks)) };
  const months = weeks / (365.25 / 12 / 7);
  if (months < 23.5) return { unit: "months", count: Math.round(months) };
  return { unit: "years", count: Math.round((weeks / (365.25 / 7)) * 10) / 10 };
}

export type ParameterReading =
  | { key: "purchaseRate"; parameters: string[]; duration: Duration; perYear: number }
  | { key: "rateSpread"; parameters: string[]; similar: boolean }
  | { key: "dropout" | "dropoutIncludingFirst"; parameters: string[]; share: number }
  | { key: "lifetime"; parameters: string[]; duration: Duration; activeAfterYear: number }
  | { key: "orderValue"; parameters: string[]; amountCents: number }
  | { key: "orderValueSpread"; parameters: string[] }
  | { key: "retention"; parameters: string[]; share: number };

const WEEKS_PER_YEAR = 365.25 / 7;

/**
 * The readings of a purchase model's parameters (an empty list for parameters it does not know).
 *
 * @example purchaseModelReadings("bgnbd", { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 })[0] // { key: "purchaseRate", duration: { unit: "months", count: 4 }, ... }
 */
export function purchaseModelReadings(model: string, params: Readonly<Record<string, number>>): ParameterReading[] {
  const { r, alpha, a, b, s, beta, retentionRateYearly } = params;
  const readings: ParameterReading[] = [];
  if (model === "simple" && retentionRateYearly !== undefined) {
    return [{ key: "retention", parameters: ["retentionRateYearly"], share: retentionRateYearly }];
  }
  if (r! > 0 && alpha! > 0) {
    const weeksBetween = alpha! / r!;
    readings.push({ key: "purchaseRate", parameters: ["r", "alpha"], duration: readableDuration(weeksBetween), perYear: WEEKS_PER_YEAR / weeksBetween });
    readings.push({ key: "rateSpread", parameters: ["r"], similar: r! >= 1 });
  }
  if ((model === "bgnbd" || model === "mbgnbd") && a! > 0 && b! > 0) {
    readings.push({ key: model === "mbgnbd" ? "dropoutIncludingFirst" : "dropout", parameters: ["a", "b"], share: a! / (a! + b!) });
  }
  if (model === "paretonbd" && s! > 0 && beta! > 0) {
    readings.push({ key: "lifetime", parameters: ["s", "beta"], duration: readableDuration(beta! / s!), activeAfterYear: (beta! / (beta! + WEEKS_PER_YEAR)) ** s! });
  }
  return readings;
}

/**
 * The readings of the Gamma-Gamma spend model: the typical order value (when it exists: q > 1).
 *
 * @example spendModelReadings({ p: 6.25, q: 3.74, v: 15.44 }) // [{ key: "orderValue", amountCents: 3522, ... }]
 */
export function spendModelReadings(params: Readonly<Record<string, number>>): ParameterReading[] {
  const { p, q, v } = params;
  if (!(p! > 0 && v! > 0 && q! > 0)) return [];
  if (q! <= 1) return [{ key: "orderValueSpread", parameters: ["p", "q", "v"] }];
  return [{ key: "orderValue", parameters: ["p", "q", "v"], amountCents: Math.round(((p! * v!) / (q! - 1)) * 100) }];
}

/** Whether a standard error is so large next to its estimate that the parameter is barely known (the 95% interval includes 0). */
export function isUncertain(estimate: number, standardError: number | undefined): boolean {
  return standardError !== undefined && Number.isFinite(standardError) && standardError * 1.96 >= Math.abs(estimate);
}
