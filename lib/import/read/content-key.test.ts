import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { hash128, transactionContentKey, type TransactionContent } from "./content-key";

const content: TransactionContent = {
  customerId: "K1",
  purchaseDate: "2025-11-23",
  revenueCents: 1250,
  costCents: 0,
  quantity: 1,
  channel: null,
  productCategory: null,
};

describe("transactionContentKey", () => {
  test("is stable: the same content always gives the same 32 hex characters", () => {
    expect(transactionContentKey(content)).toBe(transactionContentKey({ ...content }));
    expect(transactionContentKey(content)).toMatch(/^[0-9a-f]{32}$/);
  });

  test("changes with every part of the content, other columns and the occurrence", () => {
    const base = transactionContentKey(content, [["omschrijving", "stoel"]]);
    const variants = [
      transactionContentKey({ ...content, customerId: "K2" }, [["omschrijving", "stoel"]]),
      transactionContentKey({ ...content, purchaseDate: "2025-11-24" }, [["omschrijving", "stoel"]]),
      transactionContentKey({ ...content, revenueCents: 1251 }, [["omschrijving", "stoel"]]),
      transactionContentKey({ ...content, costCents: 1 }, [["omschrijving", "stoel"]]),
      transactionContentKey({ ...content, quantity: 2 }, [["omschrijving", "stoel"]]),
      transactionContentKey({ ...content, channel: "winkel" }, [["omschrijving", "stoel"]]),
      transactionContentKey({ ...content, productCategory: "stoelen" }, [["omschrijving", "stoel"]]),
      transactionContentKey(content, [["omschrijving", "tafel"]]),
      transactionContentKey(content, [["omschrijving", "stoel"]], 2),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  test("an empty channel and a missing one are the same, a separator in a value cannot fake another field", () => {
    expect(transactionContentKey({ ...content, channel: "" })).toBe(transactionContentKey(content));
    expect(transactionContentKey({ ...content, customerId: "K1\u001f2025" })).not.toBe(transactionContentKey(content));
  });
});

describe("hash128", () => {
  test("known values (regression: keys already stored must never change)", () => {
    expect(hash128("")).toBe("00000000000000000000000000000000");
    expect(hash128("Klantwaarde")).toBe("7d4a06a8c091b388bdcb0b9f8e4b68a0");
    expect(transactionContentKey(content)).toBe("ef324ad6b390be718b543c6dbbce6496");
  });

  test("no collisions among 200,000 similar keys", () => {
    const seen = new Set<string>();
    for (let index = 0; index < 200_000; index++) seen.add(hash128(`K${index % 1000}\u001f2025-01-${index % 28}\u001f${index}`));
    expect(seen.size).toBe(200_000);
  });

  test("texts that differ give different hashes (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(hash128(a)).not.toBe(hash128(b));
      }),
    );
  });
});
