/**
 * Files the benchmarks write and read: lines generated one by one and written in blocks of about 1 MB (a
 * 6M-row file is never held in memory whole), and read back as 1 MB chunks, as `clv import` reads a file.
 */
import fs from "node:fs";

/** Writes `header` and then `line(i)` for i = 0 .. rows − 1 (each ending in a line break) to `filePath`. */
export function writeLinesFile(filePath: string, header: string, rows: number, line: (i: number) => string): void {
  const fd = fs.openSync(filePath, "w");
  try {
    let buffer = header;
    for (let i = 0; i < rows; i++) {
      buffer += line(i);
      if (buffer.length > 1 << 20) {
        fs.writeSync(fd, buffer);
        buffer = "";
      }
    }
    fs.writeSync(fd, buffer);
  } finally {
    fs.closeSync(fd);
  }
}

/** The file's bytes in chunks of 1 MB, as an import reads them. */
export async function* fileChunks(filePath: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
}
