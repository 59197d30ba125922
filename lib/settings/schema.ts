/**
 * The analysis settings: what the recompute job needs to score customers (analysis date, model, horizon,
 * discount rate, margin) and how the dashboard groups them (tiers, quadrants), plus money formatting.
 * Stored as one JSON document (see `settings` in db/schema.ts) and validated with this schema on every
 * read and write. Pure: used by the server, the command line and the settings form.
 */
import "@/lib/security/zod-jitless"; // before any schema: no eval under the CSP
import { z } from "zod";
import { VALIDATION_MESSAGES as M, tiersDuplicateMessage, tiersTotalMessage } from "./validation-messages";

export const MODEL_CHOICES = ["auto", "bgnbd", "paretonbd", "mbgnbd", "simple"] as const;
export type ModelChoice = (typeof MODEL_CHOICES)[number];

export const MODEL_LABELS: Record<ModelChoice, string> = {
  auto: "Automatic: the model with the lowest holdout error",
  bgnbd: "BG/NBD",
  paretonbd: "Pareto/NBD",
  mbgnbd: "MBG/NBD",
  simple: "Simple formula (order value × frequency × retention)",
};

/**
 * Bounds of the holdout share: below 10% the holdout of a two-year history is under 11 weeks, too short to
 * tell the models apart; above 50% the models would learn from less history than they are tested on.
 */
export const HOLDOUT_PERCENT_MIN = 10;
export const HOLDOUT_PERCENT_MAX = 50;

/** What the CLV tiers rank customers by. */
export const TIER_MEASURES = ["predicted", "historic", "total"] as const;
export type TierMeasure = (typeof TIER_MEASURES)[number];

export const TIER_MEASURE_LABELS: Record<TierMeasure, string> = {
  predicted: "Predicted CLV (the horizon ahead)",
  historic: "Historic CLV (net value to date)",
  total: "Total CLV (historic + predicted)",
};

/**
 * The four quadrants of the quadrant map: CLV (y, the measure the tiers rank by: `tierMeasure`) against
 * relationship duration (x, days from a customer's first purchase to the analysis date), keyed
 * `clv-duration`: `high-short` is a customer worth a lot who has not been a customer for long. In this
 * order in the snapshot summary and the report.
 */
/** The most CLV tiers a company can define. */
export const MAX_TIERS = 10;

export const QUADRANT_KEYS = ["high-long", "high-short", "low-long", "low-short"] as const;
export type QuadrantKey = (typeof QUADRANT_KEYS)[number];

const isoDate = z.iso.date({ error: M.dateFormat });

/** Where a long relationship starts: the median customer's relationship duration, or a fixed number of days. */
const durationThreshold = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("median") }),
  z.object({
    mode: z.literal("fixed"),
    days: z
      .int({ error: M.wholeDays })
      .min(1, { error: M.thresholdMinDays })
      .max(36_500, { error: M.thresholdMaxDays }),
  }),
]);
export type DurationThreshold = z.infer<typeof durationThreshold>;

/** Where a high CLV starts: the median customer's CLV, or a fixed amount in cents. */
const clvThreshold = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("median") }),
  z.object({
    mode: z.literal("fixed"),
    amountCents: z.int({ error: M.amountRequired }).min(0, { error: M.amountNegative }),
  }),
]);
export type ClvThreshold = z.infer<typeof clvThreshold>;

/**
 * How relationship length (the map's x) is measured (lib/clv/relationship-length.ts):
 * - `lifetime` (the default): from the first purchase to the day P(alive) falls (or, if the customer buys no
 *   more, is projected to fall) below `aliveCutoff` (Reinartz & Kumar 2000). A relationship whose P(alive) is
 *   below the cutoff now has ended and counts as short, whatever its length. The simple formula has no
 *   P(alive): there a relationship ends `inactivityDays` after the last purchase.
 * - `sinceFirstPurchase`: days from the first purchase to the analysis date, bought since or not.
 */
export const RELATIONSHIP_DEFINITIONS = ["lifetime", "sinceFirstPurchase"] as const;
export type RelationshipDefinition = (typeof RELATIONSHIP_DEFINITIONS)[number];
/** The lowest cutoff allowed: a customer with P(alive) below 0.2 has in all likelihood left, and must never count as long. */
export const ALIVE_CUTOFF_MIN = 0.2;
export const ALIVE_CUTOFF_MAX = 0.8;

const relationshipSchema = z.object({
  definition: z.enum(RELATIONSHIP_DEFINITIONS, { error: M.relationshipDefinition }),
  /** P(alive) below which a relationship has ended (a fraction). */
  aliveCutoff: z
    .number({ error: M.percentRequired })
    .min(ALIVE_CUTOFF_MIN, { error: M.aliveCutoffMin })
    .max(ALIVE_CUTOFF_MAX, { error: M.aliveCutoffMax }),
  /** Without P(alive) (the simple formula): days without a purchase after which a relationship has ended. */
  inactivityDays: z
    .int({ error: M.wholeDays })
    .min(30, { error: M.inactivityMin })
    .max(3650, { error: M.inactivityMax }),
});
export type RelationshipSettings = z.infer<typeof relationshipSchema>;

/**
 * The default: a relationship has ended when the model finds the customer more likely gone than still
 * buying (P(alive) < 0.5: each relationship is classed by its more likely state). On the demo company a
 * cutoff of 0.2 left "Loyal low spenders" whose median customer had not bought for 17 months (median
 * P(alive) 0.36); at 0.5 that median customer bought 5 months ago (P(alive) 0.83). README, "The quadrant map".
 */
export const DEFAULT_RELATIONSHIP: RelationshipSettings = { definition: "lifetime", aliveCutoff: 0.5, inactivityDays: 365 };

const label = (required: string, tooLong: string) => z.string().trim().min(1, { error: required }).max(40, { error: tooLong });

const quadrant = z.object({
  name: label(M.quadrantNameRequired, M.quadrantNameLong),
  tactic: z.string().trim().max(400, { error: M.tacticLong }),
});

/**
 * The quadrant map's settings: where each axis splits ("long" and "high" are at or above the threshold)
 * and each quadrant's name and tactic.
 */
const quadrantsSchema = z.object({
  /** x: relationship length in days, as `relationship` defines it (missing in documents from before it: the default). */
  relationship: relationshipSchema.default(DEFAULT_RELATIONSHIP),
  durationThreshold,
  /** y: the CLV the tiers rank by (`tierMeasure`), in cents. */
  clvThreshold,
  labels: z.object({
    "high-long": quadrant,
    "high-short": quadrant,
    "low-long": quadrant,
    "low-short": quadrant,
  }),
});

const tier = z.object({
  name: label(M.tierNameRequired, M.tierNameLong),
  percent: z
    .number({ error: M.percentRequired })
    .gt(0, { error: M.tierPercentPositive })
    .max(100, { error: M.tierPercentMax }),
});

/**
 * The answer of an Intl check, asked once per value: making an Intl format takes ~50 µs, and every page reads a
 * snapshot, whose settings are checked again. A handful of distinct values in practice; typed-in ones beyond
 * 256 start the memory anew.
 */
function remembered(check: (value: string) => boolean): (value: string) => boolean {
  const answers = new Map<string, boolean>();
  return (value) => {
    let answer = answers.get(value);
    if (answer === undefined) {
      if (answers.size >= 256) answers.clear();
      answers.set(value, (answer = check(value)));
    }
    return answer;
  };
}

const isSupportedLocale = remembered((locale) => {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
});

/** A time zone this runtime knows (`Europe/Amsterdam`, `UTC`). */
const isTimeZone = remembered((zone) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
});

const isCurrency = remembered((code) => {
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return true;
  } catch {
    return false;
  }
});

export const settingsSchema = z.object({
  /** The date the figures are "as of" (ISO). Null: the last purchase in the data. */
  analysisDate: isoDate.nullable(),
  model: z.enum(MODEL_CHOICES, { error: M.modelChoice }),
  horizonMonths: z
    .int({ error: M.wholeMonths })
    .min(1, { error: M.horizonMin })
    .max(120, { error: M.horizonMax }),
  /** Yearly discount rate as a fraction (0.1 = 10%). */
  discountRateYearly: z
    .number({ error: M.percentRequired })
    .min(0, { error: M.discountNegative })
    .max(1, { error: M.discountMax }),
  /**
   * The share of the history (percent) held out to test the models: they are fitted to the rest and judged
   * by how well they predict this last part (rounded down to whole weeks, 4 to 52 weeks; lib/clv/holdout.ts).
   */
  holdoutPercent: z
    .int({ error: M.wholePercent })
    .min(HOLDOUT_PERCENT_MIN, { error: M.holdoutMin })
    .max(HOLDOUT_PERCENT_MAX, { error: M.holdoutMax }),
  /** Profit margin as a fraction, applied when the data has revenue but no cost. */
  profitMargin: z
    .number({ error: M.percentRequired })
    .gt(0, { error: M.marginPositive })
    .max(1, { error: M.marginMax }),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { error: M.currencyFormat })
    .refine(isCurrency, { error: M.currencyUnknown }),
  locale: z
    .string()
    .trim()
    .min(2, { error: M.localeFormat })
    .refine(isSupportedLocale, { error: M.localeUnsupported }),
  /**
   * The company's time zone (IANA name). Applied when a file is imported: a timestamp with an offset or in
   * UTC (Shopify, Stripe) becomes the purchase date on the company's calendar.
   */
  timeZone: z
    .string()
    .trim()
    .min(1, { error: M.timeZoneUnknown })
    .refine(isTimeZone, { error: M.timeZoneUnknown }),
  /** Tiers from the most valuable down; percentages of customers that add up to 100. */
  tiers: z
    .array(tier)
    .min(3, { error: M.tiersMin })
    .max(MAX_TIERS, { error: M.tiersMax })
    .superRefine((tiers, context) => {
      const total = tiers.reduce((sum, t) => sum + t.percent, 0);
      if (Math.abs(total - 100) > 1e-6) {
        context.addIssue({ code: "custom", message: tiersTotalMessage(total) });
      }
      const names = new Set<string>();
      for (const t of tiers) {
        if (names.has(t.name.toLowerCase())) context.addIssue({ code: "custom", message: tiersDuplicateMessage(t.name) });
        names.add(t.name.toLowerCase());
      }
    }),
  tierMeasure: z.enum(TIER_MEASURES, { error: M.tierMeasureChoice }),
  quadrants: quadrantsSchema,
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  analysisDate: null,
  model: "auto",
  horizonMonths: 12,
  holdoutPercent: 25,
  discountRateYearly: 0.1,
  profitMargin: 0.3,
  currency: "EUR",
  locale: "en-GB",
  timeZone: "Europe/Amsterdam",
  tiers: [
    { name: "Very profitable", percent: 20 },
    { name: "Profitable", percent: 60 },
    { name: "Less profitable", percent: 20 },
  ],
  tierMeasure: "predicted",
  quadrants: {
    relationship: DEFAULT_RELATIONSHIP,
    durationThreshold: { mode: "median" },
    clvThreshold: { mode: "median" },
    labels: {
      "high-long": {
        name: "Loyal stars",
        tactic:
          "Better customer service: priority help, a personal contact and a thank-you now and then. Keep your most valuable long-standing customers close.",
      },
      "high-short": {
        name: "Promising newcomers",
        tactic:
          "Personalised interaction: offers and messages that fit what they buy, to grow valuable new customers into loyal ones.",
      },
      "low-long": {
        name: "Loyal low spenders",
        tactic:
          "Cross- and upselling: suggest related products and bundles to raise the value of each purchase of customers who keep coming back.",
      },
      "low-short": {
        name: "Lapsed or drifting",
        tactic:
          "Mostly customers who have stopped buying, with new low spenders: win back at low cost (an automated reminder or offer), ask what changed, and give newcomers a reason for a second purchase.",
      },
    },
  },
};

/** Field errors by dotted path (`horizonMonths`, `tiers`, `quadrants.durationThreshold.days`). */
export type SettingsErrors = Record<string, string[]>;

/** Validates a settings document; errors by field path, for the form and the command line. */
export function validateSettings(candidate: unknown): { ok: true; settings: Settings } | { ok: false; errors: SettingsErrors } {
  const parsed = settingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: SettingsErrors = {};
  for (const issue of parsed.error.issues) {
    // Errors of one tier row are shown with the whole tier list.
    const path = issue.path[0] === "tiers" ? "tiers" : issue.path.join(".");
    (errors[path] ??= []).push(issue.message);
  }
  return { ok: false, errors };
}

/**
 * A stored document read back, never failing: anything missing (a setting added in a later version) takes
 * its default, and a setting that no longer validates is replaced by its default, leaving the others as
 * stored. The quadrant part is taken whole or not at all: a document from before the quadrant map was CLV
 * against relationship duration (`historicThreshold`/`predictedThreshold`, keys such as `high-high`) gets
 * the default thresholds, names and tactics, since the old names described other groups of customers.
 */
export function settingsFromDocument(document: unknown): Settings {
  if (document === null || typeof document !== "object" || Array.isArray(document)) return DEFAULT_SETTINGS;
  const stored = document as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (stored[key] !== undefined) merged[key] = stored[key];
  }
  merged.quadrants = quadrantsSchema.safeParse(stored.quadrants).data ?? DEFAULT_SETTINGS.quadrants;
  const parsed = settingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  // Back to the default for every setting with an error (a tier list is one setting).
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (typeof key === "string" && key in DEFAULT_SETTINGS) merged[key] = DEFAULT_SETTINGS[key as keyof Settings];
  }
  return settingsSchema.safeParse(merged).data ?? DEFAULT_SETTINGS;
}

/** "20-60-20" for a tier list. */
export function tierSplitLabel(tiers: readonly { percent: number }[]): string {
  return tiers.map((t) => String(Number(t.percent.toFixed(2)))).join("-");
}
