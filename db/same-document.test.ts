import { describe, expect, test } from "vitest";
import { sameDocument } from "./same-document";

describe("sameDocument", () => {
  test("keys in another order are the same document (as PostgreSQL's jsonb gives them back)", () => {
    const written = { horizonMonths: 12, tiers: [{ name: "Top", percent: 20 }], analysisDate: null };
    const readBack = JSON.parse('{"tiers": [{"name": "Top", "percent": 20}], "analysisDate": null, "horizonMonths": 12}');
    expect(sameDocument(written, readBack)).toBe(true);
  });

  test("another value, another array order or a missing key is another document", () => {
    expect(sameDocument({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameDocument({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameDocument({ a: 1, b: null }, { a: 1 })).toBe(false);
    expect(sameDocument({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameDocument(null, {})).toBe(false);
  });
});
