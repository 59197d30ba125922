import { describe, expect, test } from "vitest";
import { createUploadSource, UploadError } from "./upload-source";

function streamOf(chunks: string[], options: { stallAfter?: number } = {}): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (options.stallAfter !== undefined && index >= options.stallAfter) return new Promise(() => {});
      if (index >= chunks.length) return controller.close();
      controller.enqueue(new TextEncoder().encode(chunks[index++]));
    },
  });
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
async function collect(source: AsyncIterable<Uint8Array>): Promise<string> {
  let result = "";
  for await (const chunk of source) result += text(chunk);
  return result;
}

describe("createUploadSource", () => {
  test("reads the head ahead and replays it before the rest", async () => {
    const source = createUploadSource(streamOf(["abc", "def", "ghi"]), { maxBytes: 100, tooLargeMessage: "too large" });
    expect(text(await source.head(4))).toBe("abcd");
    expect(source.done).toBe(false);
    expect(await collect(source.chunks())).toBe("abcdefghi");
    expect(source.done).toBe(true);
    expect(source.bytesRead).toBe(9);
  });

  test("a body shorter than the head, and no body at all", async () => {
    const short = createUploadSource(streamOf(["ab"]), { maxBytes: 100, tooLargeMessage: "too large" });
    expect(text(await short.head(10))).toBe("ab");
    expect(short.done).toBe(true);
    const none = createUploadSource(null, { maxBytes: 100, tooLargeMessage: "too large" });
    expect((await none.head(10)).length).toBe(0);
    expect(await collect(none.chunks())).toBe("");
  });

  test("stops at the size limit with the given message", async () => {
    const source = createUploadSource(streamOf(["12345", "67890", "x"]), { maxBytes: 8, tooLargeMessage: "over the limit" });
    await expect(collect(source.chunks())).rejects.toThrow(new UploadError("over the limit", 413));
  });

  test("a closed tab (aborted signal) ends the stream with an error", async () => {
    const controller = new AbortController();
    const source = createUploadSource(streamOf(["abc"], { stallAfter: 1 }), { maxBytes: 100, tooLargeMessage: "", signal: controller.signal });
    const chunks = source.chunks();
    expect(text((await chunks.next()).value as Uint8Array)).toBe("abc");
    setTimeout(() => controller.abort(), 10);
    await expect(chunks.next()).rejects.toThrow(/upload was interrupted/);
  });

  test("a stalled upload times out", async () => {
    const source = createUploadSource(streamOf([], { stallAfter: 0 }), { maxBytes: 100, tooLargeMessage: "", idleTimeoutMs: 20 });
    await expect(source.head(10)).rejects.toThrow(/No data arrived/);
    await source.drain(); // never throws
  });
});
