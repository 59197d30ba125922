import { describe, expect, test } from "vitest";
import { detectDecimalSeparator, parseDecimalName } from "./decimal-convention";

describe("detectDecimalSeparator", () => {
  test.each([
    [["12,50", "1.234,56", "3"], ",", false],
    [["12.50", "1,234.56", "3"], ".", false],
    [["€ 12,50", "-8,00"], ",", false],
    [["(12.50)", "4.5"], ".", false],
    [["1.234.567"], ",", false],
    [["1,234,567"], ".", false],
    [["1 234,56"], ",", false],
  ])("%j → '%s'", (samples, decimal, ambiguous) => {
    expect(detectDecimalSeparator(samples)).toMatchObject({ decimal, ambiguous, evidence: "values" });
  });

  test("values like 1.234 only are ambiguous; read as Dutch thousands", () => {
    expect(detectDecimalSeparator(["1.234", "2.500"])).toMatchObject({
      decimal: ",",
      ambiguous: true,
      evidence: "guess",
      ambiguousExamples: ["1.234", "2.500"],
    });
    expect(detectDecimalSeparator(["1,234"])).toMatchObject({ decimal: ".", ambiguous: true });
  });

  test("one clear value settles ambiguous ones", () => {
    expect(detectDecimalSeparator(["1.234", "12,5"])).toMatchObject({ decimal: ",", ambiguous: false });
  });

  test("whole numbers only: guessed from the delimiter, not ambiguous (it makes no difference)", () => {
    expect(detectDecimalSeparator(["12", "300"], { delimiter: ";" })).toMatchObject({ decimal: ",", ambiguous: false, evidence: "guess" });
    expect(detectDecimalSeparator(["12", "300"], { delimiter: "," })).toMatchObject({ decimal: ".", ambiguous: false, evidence: "guess" });
  });

  test("the majority wins when values disagree", () => {
    expect(detectDecimalSeparator(["1,50", "2,50", "3.50"])).toMatchObject({ decimal: ",", commaVotes: 2, pointVotes: 1 });
  });
});

test.each([
  ["comma", ","],
  [",", ","],
  ["Punt", "."],
  [".", "."],
  [";", null],
])("parseDecimalName(%j) = %j", (name, decimal) => {
  expect(parseDecimalName(name)).toBe(decimal);
});
