/**
 * The 11 RFM segments marketers use (the scheme popularised by Putler and the `rfm` R package), as one
 * ordered list of rules over the R, F and M scores (1..5): the first rule that matches names the segment.
 * The last rule of each recency band catches everything left, so each of the 125 combinations gets
 * exactly one segment (rfm-segments.test.ts lists all of them).
 */

export const RFM_SEGMENT_KEYS = [
  "champions",
  "loyal-customers",
  "potential-loyalist",
  "new-customers",
  "promising",
  "need-attention",
  "about-to-sleep",
  "at-risk",
  "cant-lose-them",
  "hibernating",
  "lost",
] as const;
export type RfmSegmentKey = (typeof RFM_SEGMENT_KEYS)[number];

export interface RfmSegment {
  key: RfmSegmentKey;
  name: string;
  /** Who they are, in a marketer's words. */
  description: string;
}

export const RFM_SEGMENTS: Record<RfmSegmentKey, RfmSegment> = {
  champions: { key: "champions", name: "Champions", description: "Bought recently, buy often and spend the most." },
  "loyal-customers": { key: "loyal-customers", name: "Loyal Customers", description: "Buy regularly and bought recently; responsive to loyalty programmes." },
  "potential-loyalist": { key: "potential-loyalist", name: "Potential Loyalist", description: "Recent customers with a few purchases: can become loyal." },
  "new-customers": { key: "new-customers", name: "New Customers", description: "Made their first purchase very recently." },
  promising: { key: "promising", name: "Promising", description: "Recent one-time buyers who have not come back yet." },
  "need-attention": { key: "need-attention", name: "Need Attention", description: "Average recency and value; may slip without a reason to return." },
  "about-to-sleep": { key: "about-to-sleep", name: "About To Sleep", description: "Below average recency and value; will be lost without a nudge." },
  "at-risk": { key: "at-risk", name: "At Risk", description: "Bought often and spent well, but a long time ago." },
  "cant-lose-them": { key: "cant-lose-them", name: "Can't Lose Them", description: "Were among the best customers and have not come back for the longest time." },
  hibernating: { key: "hibernating", name: "Hibernating", description: "Last purchase long ago, few purchases, low value." },
  lost: { key: "lost", name: "Lost", description: "Lowest recency, frequency and value." },
};

interface Rule {
  segment: RfmSegmentKey;
  /** Plain-language rule, shown in documentation and tests. */
  when: string;
  test: (r: number, f: number, m: number) => boolean;
}

/** The rules in the order they are tried. */
export const RFM_RULES: readonly Rule[] = [
  { segment: "champions", when: "R ≥ 4, F ≥ 4, M ≥ 4", test: (r, f, m) => r >= 4 && f >= 4 && m >= 4 },
  { segment: "loyal-customers", when: "R ≥ 3, F ≥ 3", test: (r, f) => r >= 3 && f >= 3 },
  { segment: "new-customers", when: "R = 5, F = 1", test: (r, f) => r === 5 && f === 1 },
  { segment: "promising", when: "R = 4, F = 1", test: (r, f) => r === 4 && f === 1 },
  { segment: "potential-loyalist", when: "R ≥ 4 (the rest of the recent customers)", test: (r) => r >= 4 },
  { segment: "need-attention", when: "R = 3, F + M ≥ 5", test: (r, f, m) => r === 3 && f + m >= 5 },
  { segment: "about-to-sleep", when: "R = 3 (the rest)", test: (r) => r === 3 },
  { segment: "cant-lose-them", when: "R = 1, F ≥ 4, M ≥ 4", test: (r, f, m) => r === 1 && f >= 4 && m >= 4 },
  { segment: "at-risk", when: "R ≤ 2, F + M ≥ 6", test: (r, f, m) => r <= 2 && f + m >= 6 },
  { segment: "lost", when: "R = 1, F ≤ 2, M ≤ 2", test: (r, f, m) => r === 1 && f <= 2 && m <= 2 },
  { segment: "hibernating", when: "R ≤ 2 (the rest)", test: (r) => r <= 2 },
];

/** Segment index (position in RFM_SEGMENT_KEYS) for each of the 125 combinations, r*25 + f*5 + m (0-based). */
const LOOKUP = (() => {
  const table = new Uint8Array(125);
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      for (let m = 1; m <= 5; m++) {
        const rule = RFM_RULES.find((candidate) => candidate.test(r, f, m));
        if (!rule) throw new Error(`internal error: no RFM segment for R ${r}, F ${f}, M ${m}`);
        table[(r - 1) * 25 + (f - 1) * 5 + (m - 1)] = RFM_SEGMENT_KEYS.indexOf(rule.segment);
      }
    }
  }
  return table;
})();

/**
 * The segment of scores R, F, M (each a whole number 1..5).
 *
 * @example rfmSegment(5, 5, 5) // "champions"
 * @example rfmSegment(1, 5, 5) // "cant-lose-them"
 */
export function rfmSegment(r: number, f: number, m: number): RfmSegmentKey {
  return RFM_SEGMENT_KEYS[rfmSegmentIndex(r, f, m)]!;
}

/** Position of the segment in RFM_SEGMENT_KEYS (for columnar code). */
export function rfmSegmentIndex(r: number, f: number, m: number): number {
  if (!isScore(r) || !isScore(f) || !isScore(m)) throw new RangeError(`RFM scores must be whole numbers 1 to 5 (got R ${r}, F ${f}, M ${m})`);
  return LOOKUP[(r - 1) * 25 + (f - 1) * 5 + (m - 1)]!;
}

function isScore(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}
