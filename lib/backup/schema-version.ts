/**
 * The schema version of a Klantwaarde database: which of this code's migrations its journal
 * (`__drizzle_migrations`, written by drizzle's migrator) says were applied.
 *
 * Drizzle's SQLite journal holds one row per applied migration: the SHA-256 of the migration's SQL file
 * and the migration's `when` from `db/migrations/meta/_journal.json` as `created_at` (its `id` column is
 * declared `SERIAL`, which SQLite leaves empty, so ids carry nothing). Drizzle applies every migration
 * newer than the newest `created_at`, so a file is usable when its journal is exactly a prefix of this
 * code's migrations: then the rest can be applied. A hash this code does not know means the file was
 * made by another version: a newer one when it is dated after this code's newest migration.
 */
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { MIGRATIONS_FOLDER } from "@/db/client";
import type { BackupProblem } from "./problems";

export const MIGRATIONS_TABLE = "__drizzle_migrations";

export interface KnownMigration {
  /** The migration's name, e.g. "0009_decision_notes". */
  tag: string;
  /** SHA-256 of its SQL file, as drizzle stores it. */
  hash: string;
  /** Its `when` (milliseconds), as drizzle stores it in `created_at`. */
  createdAt: number;
}

export interface SchemaVersion {
  /** Migrations applied to the file (all known to this code when there are no problems). */
  applied: number;
  /** Migrations this code has: the current schema version. */
  current: number;
  /** The newest applied migration this code knows, e.g. "0009_decision_notes". */
  latest: string | null;
  /** Migrations this code would apply to bring the file to the current schema (oldest first). */
  pending: string[];
}

/** This code's migrations, oldest first. */
export function knownMigrations(migrationsFolder: string = MIGRATIONS_FOLDER): KnownMigration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  const files = readMigrationFiles({ migrationsFolder });
  return journal.entries.map((entry, index) => {
    const file = files[index];
    if (!file) throw new Error(`The migration ${entry.tag} in ${migrationsFolder}/meta/_journal.json has no SQL file.`);
    return { tag: entry.tag, hash: file.hash, createdAt: entry.when };
  });
}

function formatWhen(milliseconds: number): string {
  return Number.isFinite(milliseconds) ? new Date(milliseconds).toISOString().slice(0, 10) : "an unknown date";
}

/**
 * Reads the migration journal of an open database (which must have the journal table) and compares it
 * with `known`. `label` names the file in the messages.
 */
export function readSchemaVersion(
  sqlite: Database.Database,
  known: KnownMigration[],
  label: string,
): { version: SchemaVersion | null; problems: BackupProblem[] } {
  const rows = (
    sqlite.prepare(`SELECT hash, created_at AS createdAt FROM "${MIGRATIONS_TABLE}" ORDER BY created_at`).all() as {
      hash: string;
      createdAt: number | string | null;
    }[]
  ).map((row) => ({ hash: String(row.hash), createdAt: Number(row.createdAt) }));
  if (rows.length === 0) {
    return {
      version: null,
      problems: [
        {
          code: "no-migrations",
          message: `${label} has an empty migration journal (${MIGRATIONS_TABLE}): no Klantwaarde schema was ever created in it. Use a file made by \`clv backup\`.`,
        },
      ],
    };
  }
  const byHash = new Map(known.map((migration) => [migration.hash, migration]));
  const newestKnown = Math.max(...known.map((migration) => migration.createdAt));
  const unknown = rows.filter((row) => !byHash.has(row.hash));
  const problems: BackupProblem[] = [];
  const newer = unknown.filter((row) => !(row.createdAt <= newestKnown));
  if (newer.length > 0) {
    problems.push({
      code: "newer-schema",
      message:
        `${label} was made by a newer version of Klantwaarde: its schema has ${newer.length} migration(s) this version does not know, ` +
        `the newest from ${formatWhen(Math.max(...newer.map((row) => row.createdAt)))} (this version's newest is ${known.at(-1)?.tag} from ${formatWhen(newestKnown)}). ` +
        `Update Klantwaarde to the version that made the backup (or newer), then restore it.`,
    });
  }
  const other = unknown.filter((row) => row.createdAt <= newestKnown);
  if (other.length > 0) {
    problems.push({
      code: "unknown-migration",
      message:
        `${label} contains ${other.length} migration(s) this version of Klantwaarde does not know ` +
        `(${other.map((row) => `${row.hash.slice(0, 12)}… from ${formatWhen(row.createdAt)}`).join(", ")}): it was made by a different version or build. ` +
        `Restore it with the Klantwaarde version that made it.`,
    });
  }
  const lastApplied = Math.max(...rows.map((row) => row.createdAt));
  const appliedHashes = new Set(rows.map((row) => row.hash));
  if (unknown.length === 0) {
    const skipped = known.filter((migration) => migration.createdAt <= lastApplied && !appliedHashes.has(migration.hash));
    if (skipped.length > 0) {
      problems.push({
        code: "missing-migration",
        message:
          `${label} has a migration journal with gaps: ${skipped.map((migration) => migration.tag).join(", ")} ` +
          `${skipped.length === 1 ? "was" : "were"} never applied although later migrations were, so its tables do not match any Klantwaarde version. ` +
          `Use another backup.`,
      });
    }
  }
  const appliedKnown = known.filter((migration) => appliedHashes.has(migration.hash));
  return {
    version: {
      applied: appliedKnown.length,
      current: known.length,
      latest: appliedKnown.at(-1)?.tag ?? null,
      pending: known.filter((migration) => migration.createdAt > lastApplied).map((migration) => migration.tag),
    },
    problems,
  };
}

