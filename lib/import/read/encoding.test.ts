import { describe, expect, test } from "vitest";
import { createStreamingDecoder, decodeText, detectEncoding, parseEncodingName } from "./encoding";

const utf8 = (text: string) => new TextEncoder().encode(text);
/** "Café;Zoë" in Windows-1252: é = 0xE9, ë = 0xEB. */
const windows1252 = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x3b, 0x5a, 0x6f, 0xeb]);

function utf16le(text: string, bom: boolean): Uint8Array {
  const bytes = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let at = 0;
  if (bom) {
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    at = 2;
  }
  for (let index = 0; index < text.length; index++) {
    bytes[at++] = text.charCodeAt(index) & 0xff;
    bytes[at++] = text.charCodeAt(index) >> 8;
  }
  return bytes;
}

describe("detectEncoding", () => {
  test("finds one non-ASCII byte anywhere, whatever the alignment of the bytes", () => {
    const bytes = new Uint8Array(64).fill(0x61);
    for (let offset = 0; offset < 4; offset++) {
      for (let length = 0; length <= 20; length++) {
        const view = bytes.subarray(offset, offset + length);
        expect(detectEncoding(view).evidence).toBe("ascii-only");
        for (let at = 0; at < length; at++) {
          bytes[offset + at] = 0xe9;
          expect(detectEncoding(view).evidence).not.toBe("ascii-only");
          bytes[offset + at] = 0x61;
        }
      }
    }
  });

  test.each([
    ["UTF-8 with byte-order mark", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("klant;plaats\n1;Zoë")]), "utf-8", 3, "byte-order-mark"],
    ["UTF-8 without byte-order mark", utf8("klant;plaats\n1;Zoë"), "utf-8", 0, "valid-utf-8"],
    ["plain ASCII", utf8("klant;bedrag\n1;12,50"), "utf-8", 0, "ascii-only"],
    ["Windows-1252", windows1252, "windows-1252", 0, "not-utf-8"],
    ["UTF-16 LE with byte-order mark", utf16le("klant\tbedrag", true), "utf-16le", 2, "byte-order-mark"],
    ["UTF-16 LE without byte-order mark", utf16le("klant\tbedrag\n1\t12,50", false), "utf-16le", 0, "utf-16-pattern"],
    ["UTF-16 BE with byte-order mark", new Uint8Array([0xfe, 0xff, 0, 0x61]), "utf-16be", 2, "byte-order-mark"],
  ])("%s", (_, bytes, encoding, bomLength, evidence) => {
    expect(detectEncoding(bytes)).toEqual({ encoding, bomLength, evidence });
  });

  test("a UTF-8 character cut off at the end of a sample is still UTF-8", () => {
    const bytes = utf8("plaats\nZoë");
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe("utf-8");
  });
});

describe("decodeText", () => {
  test("drops the byte-order mark and reads accents", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Zoë")]), "utf-8")).toBe("Zoë");
    expect(decodeText(windows1252, "windows-1252")).toBe("Café;Zoë");
    expect(decodeText(utf16le("Zoë", true), "utf-16le")).toBe("Zoë");
  });
});

describe("createStreamingDecoder", () => {
  const feed = (encoding: Parameters<typeof createStreamingDecoder>[0], chunks: Uint8Array[]) => {
    const decoder = createStreamingDecoder(encoding);
    const text = chunks.map((chunk) => decoder.decode(chunk)).join("") + decoder.end();
    return { text, encoding: decoder.encoding, invalid: decoder.sawInvalidBytes };
  };
  const split = (bytes: Uint8Array, ...cuts: number[]) => {
    const points = [0, ...cuts, bytes.length];
    return points.slice(1).map((end, index) => bytes.subarray(points[index]!, end));
  };

  test("auto: ASCII first, then Windows-1252 bytes later in the file", () => {
    const bytes = new Uint8Array([...utf8("klant;plaats\n1;Delft\n2;"), 0x43, 0x61, 0x66, 0xe9, 0x0a]);
    expect(feed("auto", split(bytes, 10, 22))).toEqual({ text: "klant;plaats\n1;Delft\n2;Café\n", encoding: "windows-1252", invalid: false });
  });

  test("auto: UTF-8 character split over two chunks", () => {
    const bytes = utf8("klant;plaats\n1;Zoë\n2;Émile\n");
    const cut = bytes.indexOf(0xc3) + 1;
    expect(feed("auto", split(bytes, 5, cut))).toEqual({ text: "klant;plaats\n1;Zoë\n2;Émile\n", encoding: "utf-8", invalid: false });
  });

  test("auto: byte-order mark split over tiny chunks", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("a;b\n")]);
    expect(feed("auto", split(bytes, 1, 2, 3))).toEqual({ text: "a;b\n", encoding: "utf-8", invalid: false });
  });

  test("auto: UTF-16 with byte-order mark", () => {
    expect(feed("auto", split(utf16le("a\tb\nZoë\t1\n", true), 3, 7))).toMatchObject({ text: "a\tb\nZoë\t1\n", encoding: "utf-16le" });
  });

  test("a file that is not valid UTF-8 after valid UTF-8 is flagged", () => {
    const bytes = new Uint8Array([...utf8("Zoë\n"), 0xe9, 0x0a]);
    expect(feed("auto", split(bytes, 5))).toMatchObject({ encoding: "utf-8", invalid: true });
  });

  test("forced encoding is used as is", () => {
    expect(feed("windows-1252", [windows1252])).toEqual({ text: "Café;Zoë", encoding: "windows-1252", invalid: false });
  });

  test("a file shorter than four bytes", () => {
    expect(feed("auto", [utf8("a")])).toEqual({ text: "a", encoding: "utf-8", invalid: false });
  });
});

test.each([
  ["latin1", "windows-1252"],
  ["CP1252", "windows-1252"],
  ["UTF8", "utf-8"],
  ["utf-16", "utf-16le"],
  ["ebcdic", null],
])("parseEncodingName(%s) = %s", (name, encoding) => {
  expect(parseEncodingName(name)).toBe(encoding);
});
