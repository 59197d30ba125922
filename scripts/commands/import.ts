import fs from "node:fs";
import path from "node:path";
import { openReadyDatabase } from "../../db/open-database";
import { parseMappingOption } from "../../lib/import/read/column-mapping";
import { parseDateFormatName } from "../../lib/import/read/date-format";
import { parseDecimalName } from "../../lib/import/read/decimal-convention";
import { parseDelimiterName } from "../../lib/import/read/delimiter";
import { parseEncodingName } from "../../lib/import/read/encoding";
import type { ImportKind } from "../../lib/import/read/fields";
import { todayIso } from "../../lib/import/read/date-format";
import { withStatusColumns } from "../../lib/import/read/row-reader";
import { sniffFile, SNIFF_BYTES, type SniffChoices } from "../../lib/import/read/sniff";
import { createRejectedRowsFile } from "../../lib/import/store/rejected-rows-file";
import { runImport } from "../../lib/import/store/run-import";
import type { ImportReport } from "../../lib/import/store/import-report";
import { rowStreamForFile } from "../../lib/import/store/worker-row-stream";
import { recomputeNow } from "../../lib/recompute";
import { UsageError, parseCommandArgs, printJson, type Command } from "./command";
import { currentCommandLineActor } from "../../lib/audit/record";
import { getSettings } from "../../lib/settings/store";

const usage = `Usage: npm run --silent clv -- import transactions|customers FILE [options]

Imports a CSV file into the database at DATABASE_URL, streaming (files of millions of rows are fine).
By default a file with any invalid row imports nothing; importing the same file twice adds nothing.
Delimiter, decimal separator, date format, encoding and columns are detected; override them with:
  --delimiter D        ; , tab | (or the character itself)
  --decimal C          , or . (or comma, dot)
  --date-format F      DD-MM-YYYY, DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD, DD.MM.YYYY, YYYYMMDD, excel ...
  --encoding E         utf-8, windows-1252 (latin1), utf-16le, utf-16be
  --map F=COL,...      columns by name, e.g. --map date=datum,amount=bedrag,customer=klantnummer
  --skip-invalid       import the valid rows and skip (and report) the invalid ones
Platform exports (Shopify, WooCommerce, Stripe, Mollie, Lightspeed, Magento) are recognised by their header
and read as orders: statuses, refunds and order lines applied. Any other transactions file with a status or
refunded-amount column (found by its name, or named below) is read as orders with the same rules:
  --count-status S,... the statuses that count as purchases (as written in the file), e.g. paid,partially_refunded
                       or Betaald,Verzonden; every other status is then no purchase
  --status-column NAME the column that holds the status (a platform export's instead of its own)
  --refund-column NAME the column that holds the refunded amount (likewise)
  --platform none      read a platform export as an ordinary file instead
  --rejected-out FILE  write the rejected rows as CSV, with line numbers and reasons, to fix and re-import
  --json               print the report as JSON (progress still goes to stderr)
  --no-recompute       do not recompute the CLV figures after the import (by default they are)
Exit code 0 only when the import was committed.`;

async function* readFileChunks(filePath: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
}

function readHead(filePath: string): Uint8Array {
  const fd = fs.openSync(filePath, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const bytesRead = fs.readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    fs.closeSync(fd);
  }
}

function parseChoices(kind: ImportKind, values: Record<string, string | boolean | undefined>): SniffChoices {
  const choices: SniffChoices = { kind };
  const option = (name: string) => values[name] as string | undefined;
  if (option("delimiter") !== undefined) {
    const delimiter = parseDelimiterName(option("delimiter")!);
    if (!delimiter) throw new UsageError(`--delimiter "${option("delimiter")}" is not a delimiter: use ; , tab or |`);
    choices.delimiter = delimiter;
  }
  if (option("decimal") !== undefined) {
    const decimal = parseDecimalName(option("decimal")!);
    if (!decimal) throw new UsageError(`--decimal "${option("decimal")}" is not a decimal separator: use , or .`);
    choices.decimal = decimal;
  }
  if (option("date-format") !== undefined) {
    const dateFormat = parseDateFormatName(option("date-format")!);
    if (!dateFormat) throw new UsageError(`--date-format "${option("date-format")}" is not a known date format: use for example DD-MM-YYYY or YYYY-MM-DD`);
    choices.dateFormat = dateFormat;
  }
  if (option("encoding") !== undefined) {
    const encoding = parseEncodingName(option("encoding")!);
    if (!encoding) throw new UsageError(`--encoding "${option("encoding")}" is not supported: use utf-8, windows-1252, utf-16le or utf-16be`);
    choices.encoding = encoding;
  }
  if (option("map") !== undefined) {
    try {
      choices.mapping = parseMappingOption(option("map")!, kind);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return choices;
}

function printHumanReport(report: ImportReport): void {
  const lines = [
    report.message,
    `  file        ${report.fileName} (${report.kind}, ${report.encoding})`,
    `  rows read   ${report.rowsRead.toLocaleString("en")}`,
    `  imported    ${report.imported.toLocaleString("en")}${report.newCustomers > 0 ? ` (${report.newCustomers.toLocaleString("en")} new customers)` : ""}`,
    `  updated     ${report.updated.toLocaleString("en")}`,
    `  duplicates  ${report.duplicates.toLocaleString("en")}`,
    `  rejected    ${report.rejected.toLocaleString("en")}`,
    `  longest write-lock hold ${report.longestWriteLockMs.toLocaleString("en")} ms`,
  ];
  for (const problem of report.problems) lines.push(`  ${problem.severity}: ${problem.message}`);
  for (const row of report.rejectedRows.slice(0, 20)) {
    for (const error of row.errors) lines.push(`  line ${error.line}, ${error.column} "${error.value}": ${error.reason}`);
  }
  if (report.rejected > 20) lines.push(`  ... and more: see --rejected-out or --json for every rejected row`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

export const importCommand: Command = {
  name: "import",
  summary: "import a transactions or customers CSV file (all or nothing, idempotent, streaming)",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      "import",
      args,
      {
          delimiter: { type: "string" },
          decimal: { type: "string" },
          "date-format": { type: "string" },
          encoding: { type: "string" },
          map: { type: "string" },
          "skip-invalid": { type: "boolean", default: false },
          "rejected-out": { type: "string" },
          json: { type: "boolean", default: false },
          "no-recompute": { type: "boolean", default: false },
          "count-status": { type: "string" },
          "status-column": { type: "string" },
          "refund-column": { type: "string" },
          platform: { type: "string" },
      },
      { positionals: 2 },
    );
    const [kind, file] = positionals;
    if (kind !== "transactions" && kind !== "customers") throw new UsageError(`say what the file holds: import transactions FILE or import customers FILE`);
    if (!file) throw new UsageError("name the file to import");
    const filePath = path.resolve(file);
    if (!fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) throw new UsageError(`${filePath} does not exist or is not a file`);

    if (values.platform !== undefined && values.platform !== "auto" && values.platform !== "none") throw new UsageError(`--platform must be auto or none, not "${values.platform}"`);
    const platform = values.platform as "auto" | "none" | undefined;
    const countStatuses = values["count-status"]?.split(",").map((status) => status.trim()).filter((status) => status !== "");
    if (countStatuses !== undefined && countStatuses.length === 0) throw new UsageError("--count-status needs at least one status, e.g. --count-status paid,partially_refunded");
    const today = todayIso();
    const totalBytes = fs.statSync(filePath).size;
    const platformColumns = { status: values["status-column"], refund: values["refund-column"] };
    const choices = parseChoices(kind, values);
    const mapping = kind === "transactions" ? withStatusColumns(choices.mapping, platformColumns) : choices.mapping;
    const sniff = sniffFile(readHead(filePath), path.basename(filePath), { today, fileSize: totalBytes, choices: { ...choices, mapping, platform, countStatuses } });
    const blocking = sniff.problems.filter((problem) => problem.severity === "error");
    const database = await openReadyDatabase();
    try {
      // The company's currency and time zone: platform orders in another currency are refused, timestamps become its dates.
      const { currency, timeZone } = await getSettings(database.db);
      let lastShown = 0;
      const report = await runImport(database, {
        kind,
        fileName: path.basename(filePath),
        by: currentCommandLineActor(),
        skipInvalid: values["skip-invalid"],
        totalBytes,
        input: readFileChunks(filePath),
        // A large file is read in a worker thread while this one writes the rows.
        // CLV_IMPORT_WORKER_MIN_BYTES overrides from which size on (the tests use 0).
        readRows: rowStreamForFile(totalBytes, {
          minBytes: process.env.CLV_IMPORT_WORKER_MIN_BYTES ? Number(process.env.CLV_IMPORT_WORKER_MIN_BYTES) : undefined,
          onFallback: (reason) => process.stderr.write(`reading the file in this thread (${reason})\n`),
        }),
        // CLV_IMPORT_STEP_MS: the work per write step (default 1 s; the kill tests use short steps).
        stepMs: process.env.CLV_IMPORT_STEP_MS ? Number(process.env.CLV_IMPORT_STEP_MS) : undefined,
        reader: {
          today,
          encoding: values.encoding ? sniff.encoding.encoding : "auto",
          delimiter: sniff.delimiter,
          decimal: sniff.formats.decimal,
          dateFormat: sniff.formats.dateFormat,
          mapping: choices.mapping,
          fileName: path.basename(filePath),
          platform,
          countStatuses,
          platformColumns,
          currency,
          timeZone,
        },
        // Problems the sniff found in the whole file's first bytes (ambiguous dates, missing columns)
        // stop the import before a row is written; the row reader finds the rest.
        preflightProblems: blocking,
        // Every rejected row is streamed to --rejected-out as it is found (the report keeps the first ones).
        rejectedRowsFile: values["rejected-out"] ? () => createRejectedRowsFile(path.resolve(values["rejected-out"]!)) : undefined,
        onProgress: ({ bytesRead, rowsRead }) => {
          const now = Date.now();
          if (now - lastShown < 250 && bytesRead < totalBytes) return;
          lastShown = now;
          const percent = totalBytes > 0 ? Math.floor((bytesRead / totalBytes) * 100) : 100;
          process.stderr.write(`\rimporting ${path.basename(filePath)}: ${percent}% (${rowsRead.toLocaleString("en")} rows)`);
        },
      });
      process.stderr.write("\n");
      if (values.json) printJson(report);
      else printHumanReport(report);
      if (report.status === "committed" && report.imported + report.updated > 0 && !values["no-recompute"]) {
        // The figures follow the data: recompute here, so they are current when the command ends.
        process.stderr.write("recomputing the CLV figures...\n");
        try {
          const { outcome } = await recomputeNow(database, { reason: `import ${report.importId} (${report.fileName})` });
          if (outcome?.status === "failed") process.stderr.write(`the recompute failed; the previous figures stay current: ${outcome.message}\n`);
        } catch (error) {
          process.stderr.write(`the recompute failed; the previous figures stay current: ${(error as Error).message}\n`);
        }
      }
      return report.status === "committed" ? 0 : 1;
    } finally {
      await database.close();
    }
  },
};
