/**
 * Receives an upload into a temporary file before anything is written to the database, so that how long
 * an import holds the database never depends on the client's network: a slow or stalled upload only
 * costs this request its time (the limits of upload-source.ts still apply: size, idle timeout, abort).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { UploadSource } from "./upload-source";
import { processIsAlive } from "@/lib/process-alive";

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

/** Folders of uploads start with this, then the receiving process's id (so a stopped server's leftovers can be found). */
const FOLDER_PREFIX = "klantwaarde-upload-";

/** Writes every chunk of `source` to a new file in a folder of its own under `folder`; removed again when reading fails. */
export async function spoolUpload(source: UploadSource, folder = os.tmpdir()): Promise<SpooledUpload> {
  const directory = await fs.promises.mkdtemp(path.join(folder, `${FOLDER_PREFIX}${process.pid}-`));
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

/**
 * Removes the upload folders under `folder` whose receiving process is gone (a server stopped during an
 * upload or an import): nothing of an upload stays on disk after the next start. Returns how many.
 * @example removeAbandonedUploads() // 1 after a kill -9 during an upload
 */
export function removeAbandonedUploads(folder = os.tmpdir()): number {
  let removed = 0;
  for (const name of fs.readdirSync(folder)) {
    const pid = name.startsWith(FOLDER_PREFIX) ? Number(/^(\d+)-/.exec(name.slice(FOLDER_PREFIX.length))?.[1]) : Number.NaN;
    if (!Number.isInteger(pid) || pid === process.pid || processIsAlive(pid)) continue;
    fs.rmSync(path.join(folder, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

