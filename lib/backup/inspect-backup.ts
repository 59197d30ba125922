/**
 * What a database file holds and whether Klantwaarde can use it: schema version, row counts, integrity,
 * and every problem that makes it unusable as a backup.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import type { BackupProblem } from "./problems";
import { knownMigrations, MIGRATIONS_TABLE, readSchemaVersion, type KnownMigration, type SchemaVersion } from "./schema-version";
import { hasLiveWal, readHeader, SQLITE_HEADER } from "./sqlite-files";

/** Tables every Klantwaarde schema has had since the first migration. */
const REQUIRED_TABLES = ["customers", "transactions"];
import { formatFileSize } from "@/lib/format";
const COUNTED_TABLES = ["customers", "transactions", "snapshots", "imports"] as const;

export type TableCounts = Record<(typeof COUNTED_TABLES)[number], number>;

export interface BackupInspection {
  path: string;
  sizeBytes: number;
  /** null when the file is not a Klantwaarde database. */
  schema: SchemaVersion | null;
  counts: TableCounts | null;
  /** Result of `PRAGMA integrity_check`; "not checked" when an earlier problem made it pointless. */
  integrity: "ok" | "failed" | "not checked";
  /** Empty when the file can be restored. */
  problems: BackupProblem[];
}

export interface InspectOptions {
  /** Name of the file in messages (default its path), e.g. the live database when a temporary copy is inspected. */
  label?: string;
  /** Run `PRAGMA integrity_check` (default true; it reads the whole file). */
  integrity?: boolean;
  /** Refuse a file with a write-ahead log next to it (default true; off for the live database). */
  refuseLiveWal?: boolean;
  known?: KnownMigration[];
}

const useBackup = "Use a file made by `npm run clv -- backup FILE`.";

/** Checks that need no SQLite: the file exists, is not empty, starts with the SQLite header. */
export function checkDatabaseFile(filePath: string, options: Pick<InspectOptions, "label" | "refuseLiveWal"> = {}): BackupProblem[] {
  const label = options.label ?? filePath;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    return [{ code: "not-found", message: `${label} does not exist. Check the path.` }];
  }
  if (!stat.isFile()) return [{ code: "not-found", message: `${label} is not a file. ${useBackup}` }];
  if (stat.size === 0) return [{ code: "empty-file", message: `${label} is empty (0 bytes), so it holds no database. ${useBackup}` }];
  let header: string;
  try {
    header = readHeader(filePath);
  } catch (error) {
    return [{ code: "unreadable", message: `${label} cannot be read (${(error as Error).message}). Give this user read permission.` }];
  }
  if (header !== SQLITE_HEADER) {
    const start = JSON.stringify(header.replace(/[^\x20-\x7e]/g, "?").slice(0, 12));
    return [{ code: "not-sqlite", message: `${label} is not a SQLite database (it starts with ${start}, not "SQLite format 3"). ${useBackup}` }];
  }
  if (options.refuseLiveWal !== false && hasLiveWal(filePath)) {
    return [
      {
        code: "live-wal",
        message:
          `${label} has a write-ahead log next to it (${label}-wal): it is open in a running program, or was copied while it was, ` +
          `so the file alone may miss recent changes. Stop the program that uses it (the log is merged when it closes), ` +
          `or make a consistent copy with \`DATABASE_URL=${label} npm run clv -- backup COPY.db\` and use that.`,
      },
    ];
  }
  return [];
}

/**
 * A normal (read-write) connection, used only to read: a read-only one cannot delete the -wal and -shm
 * files it creates next to a WAL-mode file, and would leave them behind; this one removes them on close.
 */
function openForReading(filePath: string): Database.Database {
  const sqlite = new Database(filePath, { fileMustExist: true });
  try {
    sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** Inspects the database file at `filePath` without changing its content. */
export function inspectBackup(filePath: string, options: InspectOptions = {}): BackupInspection {
  const label = options.label ?? filePath;
  const result: BackupInspection = { path: filePath, sizeBytes: 0, schema: null, counts: null, integrity: "not checked", problems: [] };
  result.problems = checkDatabaseFile(filePath, options);
  if (result.problems.length > 0) return result;
  result.sizeBytes = fs.statSync(filePath).size;

  let sqlite: Database.Database;
  try {
    sqlite = openForReading(filePath);
  } catch (error) {
    const reason = (error as Error).message;
    const damaged = /malformed|corrupt|not a database/i.test(reason);
    if (damaged) result.integrity = "failed";
    result.problems.push({
      code: damaged ? "integrity" : "unreadable",
      message: `${label} cannot be opened as a SQLite database (${reason}). ${damaged ? "The file is damaged: use another backup." : useBackup}`,
    });
    return result;
  }
  try {
    sqlite.pragma("busy_timeout = 5000");
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    if (!tables.includes(MIGRATIONS_TABLE)) {
      const what = tables.length === 0 ? "it has no tables at all" : `its tables are ${tables.slice(0, 5).join(", ")}${tables.length > 5 ? ", ..." : ""}`;
      result.problems.push({
        code: "not-klantwaarde",
        message: `${label} is a SQLite database but not a Klantwaarde database (${what}; Klantwaarde's migration journal ${MIGRATIONS_TABLE} is missing). ${useBackup}`,
      });
      return result;
    }
    const { version, problems } = readSchemaVersion(sqlite, options.known ?? knownMigrations(), label);
    result.schema = version;
    result.problems.push(...problems);
    const missing = REQUIRED_TABLES.filter((table) => !tables.includes(table));
    if (missing.length > 0) {
      result.problems.push({
        code: "missing-tables",
        message: `${label} has a Klantwaarde migration journal but lacks the tables ${missing.join(", ")}: it was changed by hand or is damaged. Use another backup.`,
      });
    }
    if (result.problems.length > 0) return result;

    result.counts = Object.fromEntries(
      COUNTED_TABLES.map((table) => [table, tables.includes(table) ? (sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number) : 0]),
    ) as TableCounts;
    if (options.integrity !== false) {
      const messages = sqlite.prepare("PRAGMA integrity_check(10)").pluck().all() as string[];
      result.integrity = messages.length === 1 && messages[0] === "ok" ? "ok" : "failed";
      if (result.integrity === "failed") {
        result.problems.push({
          code: "integrity",
          message: `${label} is damaged: SQLite's integrity check (PRAGMA integrity_check) reports ${messages.slice(0, 3).join("; ")}. Use another backup.`,
        });
      }
    }
  } catch (error) {
    const reason = (error as Error).message;
    result.integrity = /malformed|corrupt|not a database/i.test(reason) ? "failed" : result.integrity;
    result.problems.push({ code: result.integrity === "failed" ? "integrity" : "unreadable", message: `${label} cannot be read as a database (${reason}). Use another backup.` });
  } finally {
    sqlite.close();
  }
  return result;
}

/** Lines for people: size, schema version, counts, integrity. */
export function describeInspection(inspection: BackupInspection): [string, string][] {
  const rows: [string, string][] = [["size", formatFileSize(inspection.sizeBytes)]];
  if (inspection.schema) {
    const { applied, current, latest, pending } = inspection.schema;
    rows.push(["schema", `version ${applied} of ${current} (${latest ?? "none"})${pending.length > 0 ? `, older: ${pending.length} migration(s) to apply` : ""}`]);
  }
  if (inspection.counts) {
    for (const [table, count] of Object.entries(inspection.counts)) rows.push([table, count.toLocaleString("en")]);
  }
  rows.push(["integrity", inspection.integrity]);
  return rows;
}
