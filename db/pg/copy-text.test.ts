import { describe, expect, it } from "vitest";
import { copyTextLine } from "./copy-text";

describe("copyTextLine", () => {
  it("writes the documented example", () => {
    expect(copyTextLine(["K1", 1250, null, true, "a\tb"])).toBe("K1\t1250\t\\N\tt\ta\\tb\n");
  });

  it("escapes the characters COPY gives a meaning, and nothing else", () => {
    expect(copyTextLine(["back\\slash", "line\nbreak", "carriage\rreturn", "quote \" ' ; , é €"])).toBe(
      "back\\\\slash\tline\\nbreak\tcarriage\\rreturn\tquote \" ' ; , é €\n",
    );
  });

  it("keeps an empty text apart from null, and false apart from 0", () => {
    expect(copyTextLine(["", null, false, 0])).toBe("\t\\N\tf\t0\n");
  });

  it("refuses a number COPY cannot read", () => {
    expect(() => copyTextLine([Number.NaN])).toThrow(RangeError);
  });
});
