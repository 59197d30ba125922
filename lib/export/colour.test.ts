import { describe, expect, test } from "vitest";
import { contrastRatio, mixOklab, parseColour, textOn } from "./colour";

describe("export colours", () => {
  test("reads hex and rgb() colours", () => {
    expect(parseColour("#fff")).toEqual([1, 1, 1]);
    expect(parseColour(" #0B5CAD ")).toEqual([11 / 255, 92 / 255, 173 / 255]);
    expect(parseColour("rgb(255, 0, 51)")).toEqual([1, 0, 0.2]);
    expect(parseColour("oklch(0.5 0.1 200)")).toBeNull();
  });

  test("mixes in OKLab as color-mix() does", () => {
    expect(mixOklab("#eef4fb", "#0b5cad", 0)).toBe("#eef4fb");
    expect(mixOklab("#eef4fb", "#0b5cad", 1)).toBe("#0b5cad");
    // Chromium draws color-mix(in oklab, white 50%, black) as rgb(99, 99, 99).
    expect(mixOklab("#000000", "#ffffff", 0.5)).toBe("#636363");
    expect(mixOklab("var(--x)", "#0b5cad", 0.4)).toBe("#0b5cad");
  });

  test("text on a cell is black or white, whichever contrasts more, and readable on both themes' heat scales", () => {
    expect(contrastRatio("#000", "#fff")).toBeCloseTo(21);
    expect(textOn("#0b5cad")).toBe("#ffffff");
    expect(textOn("#eef4fb")).toBe("#000000");
    for (const [low, high] of [["#eef4fb", "#0b5cad"], ["#1b2530", "#5aa9f0"]] as const) {
      for (let step = 0; step <= 20; step++) {
        const fill = mixOklab(low, high, step / 20);
        expect(contrastRatio(fill, textOn(fill))).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
