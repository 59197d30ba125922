import { describe, expect, test } from "vitest";
import { customerRange } from "./customer-range";

describe("customerRange", () => {
  test("a row with both bounds has a range at the snapshot's level", () => {
    expect(customerRange({ predictedClvLowCents: 900, predictedClvHighCents: 1600 }, 0.9)).toEqual({ lowCents: 900, highCents: 1600, level: 0.9 });
    expect(customerRange({ predictedClvLowCents: 0, predictedClvHighCents: 0 }, 0.9)).toEqual({ lowCents: 0, highCents: 0, level: 0.9 });
  });

  test.each([
    ["the simple formula (null bounds)", { predictedClvLowCents: null, predictedClvHighCents: null }],
    ["an old snapshot's row (no columns)", {}],
    ["half a range", { predictedClvLowCents: 900, predictedClvHighCents: null }],
  ])("%s has no range", (_, row) => {
    expect(customerRange(row, 0.9)).toBeNull();
  });
});
