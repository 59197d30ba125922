/**
 * The body of an upload request as a stream of byte chunks, never held in memory as a whole: the first
 * bytes can be read ahead (to sniff the file) and are then replayed, the size limit is enforced while
 * reading, and a closed browser tab or a stalled connection ends the stream with an error, so the
 * import's database transaction rolls back instead of waiting forever.
 */

/** Raised while reading the body; `status` is the HTTP status that fits when no report can be given. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

export interface UploadSourceOptions {
  maxBytes: number;
  /** The message when the body grows past `maxBytes`. */
  tooLargeMessage: string;
  /** Aborted when the client goes away (`request.signal`). */
  signal?: AbortSignal;
  /** Give up when no bytes arrive for this long (default 60 s). */
  idleTimeoutMs?: number;
}

export interface UploadSource {
  /** Reads until at least `bytes` bytes are buffered (or the body ends) and returns them (the start of the file). */
  head(bytes: number): Promise<Uint8Array>;
  /** Every chunk of the body from the start, the buffered head first. Use once. */
  chunks(): AsyncGenerator<Uint8Array>;
  /** Reads and discards the rest of the body, so the client gets the response cleanly. Never throws. */
  drain(): Promise<void>;
  readonly bytesRead: number;
  readonly done: boolean;
}

export function createUploadSource(body: ReadableStream<Uint8Array> | null, options: UploadSourceOptions): UploadSource {
  const reader = body?.getReader() ?? null;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const buffered: Uint8Array[] = [];
  let bufferedBytes = 0;
  let bytesRead = 0;
  let done = reader === null;

  const read = async (): Promise<Uint8Array | null> => {
    if (done || !reader) return null;
    if (options.signal?.aborted) throw interrupted();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UploadError(`No data arrived for ${Math.round(idleTimeoutMs / 1000)} seconds, so the upload was stopped and nothing was imported.`, 408)), idleTimeoutMs);
      onAbort = () => reject(interrupted());
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      const result = await Promise.race([reader.read(), stop]);
      if (result.done) {
        done = true;
        return null;
      }
      bytesRead += result.value.byteLength;
      if (bytesRead > options.maxBytes) throw new UploadError(options.tooLargeMessage, 413);
      return result.value;
    } catch (error) {
      done = true;
      reader.cancel().catch(() => {});
      if (error instanceof UploadError) throw error;
      throw interrupted();
    } finally {
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener("abort", onAbort);
    }
  };

  return {
    async head(bytes) {
      while (bufferedBytes < bytes) {
        const chunk = await read();
        if (!chunk) break;
        buffered.push(chunk);
        bufferedBytes += chunk.byteLength;
      }
      const head = new Uint8Array(Math.min(bytes, bufferedBytes));
      let offset = 0;
      for (const chunk of buffered) {
        if (offset >= head.length) break;
        const part = chunk.subarray(0, head.length - offset);
        head.set(part, offset);
        offset += part.length;
      }
      return head;
    },
    async *chunks() {
      while (buffered.length > 0) yield buffered.shift()!;
      bufferedBytes = 0;
      for (let chunk = await read(); chunk; chunk = await read()) yield chunk;
    },
    async drain() {
      buffered.length = 0;
      try {
        while (await read());
      } catch {
        // The client is gone or sent too much: nothing more to read.
      }
    },
    get bytesRead() {
      return bytesRead;
    },
    get done() {
      return done;
    },
  };
}

function interrupted(): UploadError {
  return new UploadError("The upload was interrupted (the browser tab was closed or the connection dropped), so nothing was imported.", 499);
}
