/**
 * Receives an upload into a temporary file before anything is written to the database, so that how long
 * an import holds the database never depends on the client's network: a slow or stalled upload only
 * costs this request its time (the limits of upload-source.ts still apply: size, idle timeout, abort).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { UploadSource } from "./upload-source";

export interface SpooledUpload {
  path: string;
  bytes: number;
  /** The first `bytes` bytes of the file (to sniff it). */
  head(bytes: number): Uint8Array;
  /**
   * The file in chunks of 1 MB, read synchronously: the import may keep a step open from one chunk to
   * the next, and no other request of this server may run in between (it would wait for the write lock
   * while holding the only thread).
   */
  chunks(): AsyncGenerator<Uint8Array>;
  /** Deletes the file and its folder. Never throws. */
  remove(): void;
}

/** Writes every chunk of `source` to a new file in a folder of its own under `folder`; removed again when reading fails. */
export async function spoolUpload(source: UploadSource, folder = os.tmpdir()): Promise<SpooledUpload> {
  const directory = await fs.promises.mkdtemp(path.join(folder, "klantwaarde-upload-"));
  const filePath = path.join(directory, "upload");
  const remove = () => fs.rmSync(directory, { recursive: true, force: true });
  let bytes = 0;
  try {
    const file = await fs.promises.open(filePath, "w", 0o600);
    try {
      for await (const chunk of source.chunks()) {
        await file.write(chunk);
        bytes += chunk.byteLength;
      }
    } finally {
      await file.close();
    }
  } catch (error) {
    remove();
    throw error;
  }
  return {
    path: filePath,
    bytes,
    head(length) {
      const fd = fs.openSync(filePath, "r");
      try {
        const buffer = Buffer.alloc(Math.min(length, bytes));
        const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
        return buffer.subarray(0, read);
      } finally {
        fs.closeSync(fd);
      }
    },
    async *chunks() {
      const fd = fs.openSync(filePath, "r");
      try {
        for (;;) {
          const buffer = Buffer.allocUnsafe(1 << 20);
          const read = fs.readSync(fd, buffer, 0, buffer.length, null);
          if (read === 0) return;
          yield buffer.subarray(0, read);
        }
      } finally {
        fs.closeSync(fd);
      }
    },
    remove,
  };
}
