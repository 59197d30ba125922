/**
 * The PostgreSQL migrations this version of Klantwaarde knows (db/pg/migrations, written by drizzle-kit), and how
 * a schema's record of applied migrations is told apart from another application's or a newer Klantwaarde's.
 */
import path from "node:path";
import { readMigrationFiles, type MigrationMeta } from "drizzle-orm/migrator";

export const POSTGRES_MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "pg", "migrations");

/** The migrations in `migrationsFolder`, oldest first (statements, hash of the file, its time stamp). */
export function readPostgresMigrations(migrationsFolder: string = POSTGRES_MIGRATIONS_FOLDER): MigrationMeta[] {
  return readMigrationFiles({ migrationsFolder });
}

/**
 * How many of the `applied` migration hashes (a schema's `__drizzle_migrations`) this version does not know: 0 for
 * a schema Klantwaarde created (any version up to this one); more for another application's migrations table, or
 * for a schema a newer Klantwaarde migrated.
 *
 * @example unknownMigrations(["a1", "b2"], ["a1", "b2", "c3"]) // 0
 * @example unknownMigrations(["a1", "zz"], ["a1", "b2"]) // 1
 */
export function unknownMigrations(applied: readonly string[], known: readonly string[]): number {
  const knownHashes = new Set(known);
  return applied.filter((hash) => !knownHashes.has(hash)).length;
}
