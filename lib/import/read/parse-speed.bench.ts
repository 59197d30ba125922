/**
 * Measures CSV parsing speed on 1,000,000 generated Dutch transaction rows, fed in 64 KB chunks as a
 * file stream would: the hand-written `CsvParser`, `CsvSpanReader` (the same records as spans of the text),
 * csv-parse's streaming API, and the full pipeline (bytes → decoding → parsing → validation into typed
 * rows). Run: `npx tsx lib/import/parse-speed.bench.ts`.
 */
import { parse as csvParse } from "csv-parse";
import { CsvParser } from "./csv-parser";
import { CsvSpanReader } from "./csv-spans";
import { createRowReader } from "./row-reader";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const CHUNK_BYTES = 64 * 1024;

function makeFile(rows: number): string {
  const lines = ["klantnummer;datum;bedrag;ordernummer;kanaal;omschrijving"];
  for (let index = 0; index < rows; index++) {
    const day = String((index % 28) + 1).padStart(2, "0");
    const month = String((index % 12) + 1).padStart(2, "0");
    const euros = (index * 37) % 5000;
    const amount = `${euros >= 1000 ? `${Math.floor(euros / 1000)}.${String(euros % 1000).padStart(3, "0")}` : euros},${String(index % 100).padStart(2, "0")}`;
    const note = index % 10 === 0 ? '"Cadeau; met ""strik"""' : "Gewone bestelling";
    lines.push(`K${100000 + (index % 50000)};${day}-${month}-2025;${amount};ORD-${index};webshop;${note}`);
  }
  return `${lines.join("\r\n")}\r\n`;
}

function chunksOf(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) chunks.push(bytes.subarray(offset, offset + CHUNK_BYTES));
  return chunks;
}

function report(label: string, rows: number, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(44)} ${seconds.toFixed(2)} s  ${Math.round(rows / seconds).toLocaleString("en")} rows/s`);
}

async function main(): Promise<void> {
  const text = makeFile(ROWS);
  const bytes = new TextEncoder().encode(text);
  const chunks = chunksOf(bytes);
  const textChunks = chunks.map((chunk) => new TextDecoder().decode(chunk, { stream: true }));
  console.log(`${ROWS.toLocaleString("en")} rows, ${(bytes.length / 1e6).toFixed(1)} MB, ${chunks.length} chunks of 64 KB`);

  for (let round = 0; round < 2; round++) {
    let started = performance.now();
    const parser = new CsvParser({ delimiter: ";" });
    let count = 0;
    for (const chunk of textChunks) count += parser.push(chunk).length;
    count += parser.end().length;
    report("CsvParser (text chunks → records)", count, started);

    started = performance.now();
    count = 0;
    const spans = new CsvSpanReader({ delimiter: ";", onRecord: () => count++ });
    for (const chunk of textChunks) spans.push(chunk);
    spans.end();
    report("CsvSpanReader (text chunks → spans; 1 in 10 quoted)", count, started);

    started = performance.now();
    count = await new Promise<number>((resolve, reject) => {
      let seen = 0;
      const stream = csvParse({ delimiter: ";", relax_quotes: true });
      stream.on("readable", () => {
        while (stream.read() !== null) seen++;
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(seen));
      for (const chunk of textChunks) stream.write(chunk);
      stream.end();
    });
    report("csv-parse stream (text chunks → records)", count, started);

    started = performance.now();
    const reader = createRowReader({ kind: "transactions", delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY", today: "2026-11-23" });
    let valid = 0;
    let rejected = 0;
    const tally = (results: ReturnType<typeof reader.push>) => {
      for (const result of results) {
        if (result.ok) valid++;
        else rejected++;
      }
    };
    for (const chunk of chunks) tally(reader.push(chunk));
    tally(reader.end());
    report(`row reader (bytes → typed rows; ${rejected} rejected)`, valid + rejected, started);
  }
}

void main();
