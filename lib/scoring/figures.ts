/**
 * Every customer's figures from the model's predictions (CLV in cents, RFM scores and segment, tier,
 * quadrant) and the summary of a snapshot: totals and the tier, quadrant and segment tables.
 */
import type { CustomerSummaryTable } from "@/lib/clv/summary";
import type { Settings } from "@/lib/settings/schema";
import type { PurchasePredictions } from "../clv/predict-purchases";
import type { RelationshipLengths } from "./relationship-lengths";
import { QUADRANT_ORDER, assignQuadrants, median, thresholdClvCents, thresholdDays } from "./quadrants";
import { quintileScores } from "./rfm-scores";
import { RFM_SEGMENTS, RFM_SEGMENT_KEYS, rfmSegmentIndex } from "./rfm-segments";
import { assignTiers } from "./tiers";
import type { CustomerFigures, LoadedTransactions, QuadrantAxes, SnapshotSummary } from "./types";

export function customerFigures(
  table: CustomerSummaryTable,
  data: LoadedTransactions,
  historic: Float64Array,
  predictions: PurchasePredictions,
  expectedOrderValue: Float64Array,
  margin: number,
  asOfDay: number,
  settings: Settings,
  /** Each customer's predicted CLV interval in currency units (lib/clv/clv-interval.ts), when there is one. */
  intervals: { low: Float64Array; high: Float64Array } | null,
  /** Each customer's relationship length and whether it has ended (relationship-lengths.ts). */
  relationship: RelationshipLengths,
  /** The purchase model used (null for the simple formula). */
  model: string | null = null,
): { figures: CustomerFigures; quadrantAxes: QuadrantAxes } {
  const n = table.customers;
  const figures: CustomerFigures = {
    customerIds: new Float64Array(n),
    historicClvCents: new Float64Array(n),
    predictedClvCents: new Float64Array(n),
    totalClvCents: new Float64Array(n),
    predictedClvLowCents: intervals ? new Float64Array(n) : null,
    predictedClvHighCents: intervals ? new Float64Array(n) : null,
    probabilityAlive: predictions.probabilityAlive,
    expectedPurchases: predictions.expectedPurchases,
    expectedOrderValueCents: new Float64Array(n),
    nextPurchaseDay: new Float64Array(n),
    purchases: new Int32Array(n),
    relationshipDays: new Int32Array(n),
    relationshipLengthDays: relationship.lengthDays,
    relationshipEnded: relationship.ended,
    daysSinceLastPurchase: new Int32Array(n),
    recencyScore: new Uint8Array(0),
    frequencyScore: new Uint8Array(0),
    monetaryScore: new Uint8Array(0),
    segment: new Uint8Array(n),
    tier: new Uint8Array(0),
    quadrant: new Uint8Array(0),
  };
  for (let i = 0; i < n; i++) {
    const c = Number(table.ids[i]);
    const id = data.customerIds[c]!;
    const historicCents = Math.round(historic[c]!);
    const predictedCents = Math.round(predictions.discountedPurchases[i]! * expectedOrderValue[i]! * margin * 100);
    figures.customerIds[i] = id;
    figures.historicClvCents[i] = historicCents;
    figures.predictedClvCents[i] = predictedCents;
    figures.totalClvCents[i] = historicCents + predictedCents;
    if (intervals) {
      // Rounded like the value, so the range always holds the value shown.
      figures.predictedClvLowCents![i] = Math.min(predictedCents, Math.round(intervals.low[i]! * 100));
      figures.predictedClvHighCents![i] = Math.max(predictedCents, Math.round(intervals.high[i]! * 100));
    }
    figures.expectedOrderValueCents[i] = Math.round(expectedOrderValue[i]! * 100);
    const next = predictions.daysToNextPurchase[i]!;
    figures.nextPurchaseDay[i] = Number.isNaN(next) ? Number.NaN : asOfDay + Math.max(1, Math.round(next));
    figures.purchases[i] = table.purchaseDays[i]!;
    // How long they have been a customer: first purchase to the analysis date (the cohorts and filters use it).
    figures.relationshipDays[i] = asOfDay - table.firstDay[i]!;
    figures.daysSinceLastPurchase[i] = asOfDay - table.lastDay[i]!;
  }
  figures.recencyScore = quintileScores(figures.daysSinceLastPurchase, "lower");
  figures.frequencyScore = quintileScores(figures.purchases, "higher");
  figures.monetaryScore = quintileScores(figures.historicClvCents, "higher");
  for (let i = 0; i < n; i++) figures.segment[i] = rfmSegmentIndex(figures.recencyScore[i]!, figures.frequencyScore[i]!, figures.monetaryScore[i]!);
  const tierValues = { predicted: figures.predictedClvCents, historic: figures.historicClvCents, total: figures.totalClvCents }[settings.tierMeasure];
  figures.tier = assignTiers(tierValues, figures.customerIds, settings.tiers.map((t) => t.percent));
  // The quadrant map: CLV (the measure the tiers rank by) against relationship length; ended relationships are short.
  const { durationThreshold, clvThreshold, relationship: definition } = settings.quadrants;
  const lifetime = definition.definition === "lifetime";
  const quadrantAxes: QuadrantAxes = {
    relationship: {
      definition: definition.definition,
      aliveCutoff: lifetime && predictions.probabilityAlive ? definition.aliveCutoff : null,
      // The simple formula, and BG/NBD's one-time buyers (relationship-lengths.ts): ended after N days without a purchase.
      inactivityDays: lifetime && (!predictions.probabilityAlive || model === "bgnbd") ? definition.inactivityDays : null,
    },
    clvMeasure: settings.tierMeasure,
    thresholdDays: thresholdDays(durationThreshold, relationship.lengthDays, relationship.ended),
    durationMode: durationThreshold.mode,
    thresholdClvCents: thresholdClvCents(clvThreshold, tierValues),
    clvMode: clvThreshold.mode,
  };
  figures.quadrant = assignQuadrants(relationship.lengthDays, tierValues, quadrantAxes.thresholdDays, quadrantAxes.thresholdClvCents, relationship.ended);
  return { figures, quadrantAxes };
}

/** Totals and the tier, quadrant and segment tables (counts and value). */
export function summarise(figures: CustomerFigures, settings: Settings, quadrantAxes: QuadrantAxes, excludedCustomers: number): SnapshotSummary {
  const n = figures.customerIds.length;
  const tierCount = settings.tiers.length;
  const tiers = settings.tiers.map((t, j) => ({ tier: j + 1, name: t.name, percent: t.percent, customers: 0, historicClvCents: 0, predictedClvCents: 0, valueShare: 0 }));
  const quadrants = QUADRANT_ORDER.map((key) => ({ key, ...settings.quadrants.labels[key], customers: 0, historicClvCents: 0, predictedClvCents: 0, valueShare: 0 }));
  const rfm = RFM_SEGMENT_KEYS.map((key) => ({ key, segment: RFM_SEGMENTS[key].name, customers: 0, historicClvCents: 0, predictedClvCents: 0 }));
  let historicTotal = 0;
  let predictedTotal = 0;
  for (let i = 0; i < n; i++) {
    const historic = figures.historicClvCents[i]!;
    const predicted = figures.predictedClvCents[i]!;
    historicTotal += historic;
    predictedTotal += predicted;
    const tier = tiers[Math.min(figures.tier[i]!, tierCount) - 1]!;
    tier.customers++;
    tier.historicClvCents += historic;
    tier.predictedClvCents += predicted;
    const quadrant = quadrants[figures.quadrant[i]!]!;
    quadrant.customers++;
    quadrant.historicClvCents += historic;
    quadrant.predictedClvCents += predicted;
    const segment = rfm[figures.segment[i]!]!;
    segment.customers++;
    segment.historicClvCents += historic;
    segment.predictedClvCents += predicted;
  }
  const share = (value: number) => (predictedTotal > 0 ? value / predictedTotal : 0);
  for (const row of tiers) row.valueShare = share(row.predictedClvCents);
  for (const row of quadrants) row.valueShare = share(row.predictedClvCents);
  // Who is in each quadrant: the members' median P(alive) and days since the last purchase.
  const members = QUADRANT_ORDER.map(() => ({ alive: [] as number[], days: [] as number[] }));
  for (let i = 0; i < n; i++) {
    const group = members[figures.quadrant[i]!]!;
    if (figures.probabilityAlive) group.alive.push(figures.probabilityAlive[i]!);
    group.days.push(figures.daysSinceLastPurchase[i]!);
  }
  quadrants.forEach((row, q) => {
    const group = members[q]!;
    Object.assign(row, {
      medianProbabilityAlive: group.alive.length > 0 ? median(group.alive) : null,
      medianDaysSinceLastPurchase: group.days.length > 0 ? median(group.days) : null,
    });
  });
  return {
    currency: settings.currency,
    totals: { historicClvCents: historicTotal, predictedClvCents: predictedTotal, totalClvCents: historicTotal + predictedTotal },
    tiers,
    quadrants,
    quadrantAxes,
    rfm,
    excludedCustomers,
  };
}
