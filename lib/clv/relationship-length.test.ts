import { describe, expect, test } from "vitest";
import { bgnbdModel } from "./bg-nbd";
import { InvalidInputError } from "./errors";
import { mbgnbdModel } from "./mbg-nbd";
import { paretoNbdModel } from "./pareto-nbd-predictions";
import { aliveCutoffAge, expectedRemainingLifetime, relationshipByInactivity, relationshipLength } from "./relationship-length";

const WEEKS_PER_YEAR = 365.25 / 7;
/** Published CDNOW estimates (Fader, Hardie & Lee 2005; Fader & Hardie 2005 note). */
const paretoNbd = paretoNbdModel({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 });
const bgnbd = bgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const mbgnbd = mbgnbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const year = { horizon: WEEKS_PER_YEAR, unitsPerYear: WEEKS_PER_YEAR };

/**
 * Three hand-made customers, 3 years (156.5 weeks) after a first purchase, in weeks:
 * - a loyal recent buyer: a purchase every month (35 repeat purchases), the last two weeks ago;
 * - a one-time buyer of last week (first purchase 1 week ago);
 * - a customer who bought every month for two years (24 repeat purchases, the last at week 104.36) and
 *   then stopped a year ago.
 */
const loyal = { x: 35, tx: 154.5, T: 156.5 };
const newcomer = { x: 0, tx: 0, T: 1 };
const stopped = { x: 24, tx: 104.36, T: 156.54 };

describe("relationship length (Reinartz & Kumar: until P(alive) falls below the cutoff)", () => {
  test("the documented examples", () => {
    expect(aliveCutoffAge(paretoNbd, 2, 30, 0.2, 1000)).toBe(98.04296875);
    expect(paretoNbd.probabilityAlive(2, 30, 98.04296875)).toBeCloseTo(0.2, 4);
    expect(expectedRemainingLifetime(paretoNbd, 2, 38.86, 52.18, WEEKS_PER_YEAR)).toBeCloseTo(41.352917147912784, 10);
    expect(relationshipLength(paretoNbd, 2, 30, 38.86, { horizon: 52.18, unitsPerYear: WEEKS_PER_YEAR })).toEqual({ length: expect.closeTo(74.45052634597116, 10), ended: false });
    expect(relationshipLength(paretoNbd, 1, 5, 70, { horizon: 52.18, unitsPerYear: WEEKS_PER_YEAR })).toEqual({ length: 21.640625, ended: true });
    expect(relationshipByInactivity(0, 700, 1000, 365, 365)).toEqual({ lengthDays: 1065, ended: false });
    expect(relationshipByInactivity(0, 700, 1066, 365, 365)).toEqual({ lengthDays: 1065, ended: true });
  });

  test.each([
    ["Pareto/NBD", paretoNbd],
    ["BG/NBD", bgnbd],
    ["MBG/NBD", mbgnbd],
  ])("%s: the loyal buyer's relationship runs on, the newcomer's is short, the stopped customer's has ended", (_name, model) => {
    const loyalLength = relationshipLength(model, loyal.x, loyal.tx, loyal.T, year);
    expect(loyalLength.ended).toBe(false);
    // Three years so far plus most of the coming year (P(alive) ≈ 0.97-0.99).
    expect(loyalLength.length).toBeGreaterThan(loyal.T + 0.8 * WEEKS_PER_YEAR);
    expect(loyalLength.length).toBeLessThanOrEqual(loyal.T + WEEKS_PER_YEAR);

    const newLength = relationshipLength(model, newcomer.x, newcomer.tx, newcomer.T, year);
    expect(newLength.ended).toBe(false);
    // At most the week so far and the horizon ahead: finite whatever the tail of the lifetime distribution.
    expect(newLength.length).toBeGreaterThan(newcomer.T);
    expect(newLength.length).toBeLessThanOrEqual(newcomer.T + WEEKS_PER_YEAR);

    const stoppedLength = relationshipLength(model, stopped.x, stopped.tx, stopped.T, year);
    expect(stoppedLength.ended).toBe(true);
    // It ended some weeks after the last purchase, well before the analysis date: a monthly buyer who
    // misses a few months is soon given up by the model.
    expect(stoppedLength.length).toBeGreaterThan(stopped.tx);
    expect(stoppedLength.length).toBeLessThan(stopped.tx + 26);
    expect(model.probabilityAlive(stopped.x, stopped.tx, stoppedLength.length)).toBeLessThan(0.5);
    expect(model.probabilityAlive(stopped.x, stopped.tx, stoppedLength.length - 0.01)).toBeGreaterThanOrEqual(0.5);
  });

  test("ended exactly when P(alive) at the analysis date is below the cutoff, and the end lies before it", () => {
    for (const cutoff of [0.2, 0.5, 0.8]) {
      for (let T = 1; T <= 150; T += 7) {
        for (const [x, tx] of [[0, 0], [1, 0.5], [3, 0.9], [10, 0.99]] as const) {
          const result = relationshipLength(paretoNbd, x, tx * T, T, { ...year, cutoff });
          expect(result.ended).toBe(paretoNbd.probabilityAlive(x, tx * T, T) < cutoff);
          if (result.ended) expect(result.length).toBeLessThanOrEqual(T);
          else expect(result.length).toBeGreaterThanOrEqual(T);
        }
      }
    }
  });

  test("a BG/NBD one-time buyer (P(alive) = 1 at every age) gets a finite length", () => {
    expect(aliveCutoffAge(bgnbd, 0, 0, 0.5, 1e6)).toBe(Number.POSITIVE_INFINITY);
    const result = relationshipLength(bgnbd, 0, 0, 100, year);
    expect(result.ended).toBe(false);
    expect(result.length).toBeGreaterThan(100);
    expect(result.length).toBeLessThanOrEqual(100 + WEEKS_PER_YEAR);
  });

  test("the simple formula's rule: ended after more than the inactivity days without a purchase", () => {
    // Bought for two years (days 0..730) and stopped a year and a day ago: ended, length = last purchase + 365.
    expect(relationshipByInactivity(0, 730, 1096, 365, 365)).toEqual({ lengthDays: 1095, ended: true });
    // A one-time buyer of last week: runs; ends 365 days after that purchase, within the horizon.
    expect(relationshipByInactivity(1000, 1000, 1007, 365, 365)).toEqual({ lengthDays: 365, ended: false });
    // A loyal recent buyer: the analysis date plus the horizon, since the end lies beyond it.
    expect(relationshipByInactivity(0, 1090, 1095, 365, 180)).toEqual({ lengthDays: 1275, ended: false });
  });

  test("bad input is rejected with a named error", () => {
    expect(() => aliveCutoffAge(paretoNbd, 1, 5, 1.2, 100)).toThrow(InvalidInputError);
    expect(() => aliveCutoffAge(paretoNbd, 1, 5, 0.5, 4)).toThrow(/at least the recency/);
    expect(() => expectedRemainingLifetime(paretoNbd, 1, 5, 0, WEEKS_PER_YEAR)).toThrow(/horizon/);
    expect(() => relationshipByInactivity(0, 10, 20, 0, 365)).toThrow(/inactivityDays/);
    expect(() => relationshipByInactivity(10, 5, 20, 30, 365)).toThrow(/last purchase/);
  });
});
