import { describe, expect, it } from "vitest";
import { copyText, copyTextLine, utf8Packer, wholeNumberCopyReader } from "./copy-text";

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

describe("wholeNumberCopyReader", () => {
  const read = (columns: number, ...pieces: string[]) => {
    const reader = wholeNumberCopyReader(columns);
    for (const piece of pieces) reader.push(Buffer.from(piece));
    return reader.end();
  };

  it("reads the documented example", () => {
    expect(read(2, "12\t-3\n4\t\\N\n")).toEqual([
      [12, 4],
      [-3, null],
    ]);
  });

  it("reads rows and numbers split across pieces anywhere", () => {
    const text = "1099511627776\t-1500\t0\n7\t\\N\t-0\n";
    const whole = read(3, text);
    expect(whole).toEqual([
      [1099511627776, 7],
      [-1500, null],
      [0, -0],
    ]);
    for (let cut = 1; cut < text.length; cut++) expect(read(3, text.slice(0, cut), text.slice(cut))).toEqual(whole);
  });

  it("reads numbers up to 2^53 exactly and refuses larger ones", () => {
    expect(read(1, `${Number.MAX_SAFE_INTEGER}\n`)).toEqual([[Number.MAX_SAFE_INTEGER]]);
    expect(() => read(1, "9007199254740993\n")).toThrow(/row 1, column 1: a number beyond 2\^53/);
  });

  it("reads nothing from an empty stream", () => {
    expect(read(2)).toEqual([[], []]);
  });

  it("refuses what is not a whole number, and rows of another width, naming the row", () => {
    expect(() => read(1, "1\n2.5\n")).toThrow(/row 2, column 1: the character "\."/);
    expect(() => read(2, "1\t2\n3\n")).toThrow(/row 2, column 1: 1 of 2 values/);
    expect(() => read(2, "1\t2\t3\n")).toThrow(/row 1, column 3: more than 2 values/);
    expect(() => read(2, "1\t\n")).toThrow(/row 1, column 2: no number/);
    expect(() => read(1, "1-2\n")).toThrow(/row 1, column 1: the character "-"/);
    expect(() => read(2, "1\t2")).toThrow(/the data ended inside a row/);
  });
});

describe("copyText", () => {
  it("leaves values without a special character as they are and escapes the four that need it", () => {
    expect(copyText("Koffiebonen é €")).toBe("Koffiebonen é €");
    expect(copyText("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    expect(copyText("")).toBe("");
    expect(copyText(null)).toBe("\\N");
  });
});

describe("utf8Packer", () => {
  const pieces = ["a", "é", "€", "🌷", "\t", "K12345", "Café-servies", "x".repeat(40)];
  /** Texts of 1 to 6 pieces, the same on every run (a fixed linear congruential sequence). */
  const texts = (count: number) => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    return Array.from({ length: count }, () => Array.from({ length: 1 + (next() % 6) }, () => pieces[next() % pieces.length]).join("") + "\n");
  };

  it.each([1, 5, 16, 64, 1024])("sends every text whole, in order, byte for byte, with buffers of %i bytes", (bytes) => {
    const lines = texts(500);
    const packer = utf8Packer(bytes);
    const sent: Buffer[] = [];
    const copies: Buffer[] = [];
    for (const line of lines) {
      const full = packer.add(line);
      if (full) {
        sent.push(full);
        copies.push(Buffer.from(full));
      }
    }
    const rest = packer.rest();
    if (rest) {
      sent.push(rest);
      copies.push(Buffer.from(rest));
    }
    expect(packer.rest()).toBeNull();
    // Nothing written into a buffer after it was handed out.
    expect(sent).toEqual(copies);
    expect(Buffer.concat(sent).equals(Buffer.from(lines.join(""), "utf8"))).toBe(true);
    // No text split between two buffers: each buffer decodes to whole lines.
    for (const buffer of sent) {
      const text = buffer.toString("utf8");
      expect(text.endsWith("\n")).toBe(true);
      expect(Buffer.from(text, "utf8").equals(buffer)).toBe(true);
    }
    // Texts share buffers (not a buffer per text).
    if (bytes >= 1024) expect(sent.length).toBeLessThan(lines.length / 4);
  });
});
