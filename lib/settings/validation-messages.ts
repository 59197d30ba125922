/**
 * The settings' validation messages in English (the schema, the command line) with a key each, so the
 * settings page can show them in the reader's language: `settings.validation.<key>` in the catalogues.
 * Pure. `validationMessageKey` turns a message from the schema back into its key and values.
 */
export const VALIDATION_MESSAGES = {
  dateFormat: "Use a date as YYYY-MM-DD.",
  wholeDays: "Enter a whole number of days.",
  thresholdMinDays: "The threshold is at least 1 day.",
  thresholdMaxDays: "The threshold is at most 36500 days (100 years).",
  amountRequired: "Enter an amount.",
  amountNegative: "The amount cannot be negative.",
  tierNameRequired: "Give the tier a name.",
  tierNameLong: "Keep the tier under 40 characters.",
  quadrantNameRequired: "Give the quadrant a name.",
  quadrantNameLong: "Keep the quadrant under 40 characters.",
  tacticLong: "Keep the tactic under 400 characters.",
  percentRequired: "Enter a percentage.",
  tierPercentPositive: "Every tier needs more than 0%.",
  tierPercentMax: "A tier cannot hold more than 100%.",
  modelChoice: "Choose one of the models.",
  wholeMonths: "Enter a whole number of months.",
  horizonMin: "The horizon is at least 1 month.",
  horizonMax: "The horizon is at most 120 months (10 years).",
  discountNegative: "The discount rate cannot be negative.",
  discountMax: "The discount rate is at most 100%.",
  marginPositive: "The margin must be above 0%.",
  marginMax: "The margin is at most 100%.",
  currencyFormat: "Use a three-letter currency code such as EUR.",
  currencyUnknown: "This is not a currency code this system knows.",
  localeFormat: "Use a language tag such as nl-NL or en-GB.",
  localeUnsupported: "This language tag is not supported; use one such as nl-NL or en-GB.",
  timeZoneUnknown: "This is not a time zone this system knows; use a name such as Europe/Amsterdam or Europe/Brussels.",
  tiersMin: "Use at least three tiers.",
  tiersMax: "Use at most ten tiers.",
  tierMeasureChoice: "Choose what the tiers rank by.",
  wholePercent: "Enter a whole percentage.",
  holdoutMin: "Hold out at least 10% of the history.",
  holdoutMax: "Hold out at most 50% of the history: the models learn from the rest.",
  relationshipDefinition: "Choose how relationship length is measured.",
  aliveCutoffMin: "The P(alive) cutoff is at least 20%: below that a customer has in all likelihood left.",
  aliveCutoffMax: "The P(alive) cutoff is at most 80%.",
  inactivityMin: "A relationship ends after at least 30 days without a purchase.",
  inactivityMax: "A relationship ends after at most 3650 days (10 years) without a purchase.",
} as const;

export type ValidationMessageKey = keyof typeof VALIDATION_MESSAGES | "tiersTotal" | "tiersDuplicate";

/** "The tiers add up to 90%; ..." */
export function tiersTotalMessage(totalPercent: number): string {
  return `The tiers add up to ${Number(totalPercent.toFixed(4))}%; they must add up to 100%.`;
}

/** `Two tiers are called "Gold".` */
export function tiersDuplicateMessage(name: string): string {
  return `Two tiers are called "${name}".`;
}

const byMessage = new Map<string, ValidationMessageKey>(
  Object.entries(VALIDATION_MESSAGES).map(([key, message]) => [message, key as ValidationMessageKey]),
);

/** The key and values of a message from the schema; null for a message this file does not know. */
export function validationMessageKey(message: string): { key: ValidationMessageKey; values: Record<string, string> } | null {
  const known = byMessage.get(message);
  if (known) return { key: known, values: {} };
  const total = /^The tiers add up to (.+)%; they must add up to 100%\.$/.exec(message);
  if (total) return { key: "tiersTotal", values: { total: total[1]! } };
  const duplicate = /^Two tiers are called "(.*)"\.$/.exec(message);
  if (duplicate) return { key: "tiersDuplicate", values: { name: duplicate[1]! } };
  return null;
}
