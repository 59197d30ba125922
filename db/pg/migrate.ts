/**
 * Applies the PostgreSQL migrations (db/pg/migrations, written by drizzle-kit for the schema `klantwaarde`) to the
 * schema DATABASE_URL names: all pending ones in one transaction, under an advisory lock, so two instances that
 * start at once migrate one after the other (the second finds nothing to do). Applied migrations are recorded in
 * the schema's own `__drizzle_migrations` table, in drizzle-orm's layout; a schema holding other tables is refused
 * before anything is written.
 */
import { DatabaseStartupError } from "../client";
import type { PostgresTarget } from "../database-url";
import { withoutPassword } from "./connection-errors";
import { POSTGRES_MIGRATIONS_FOLDER, readPostgresMigrations } from "./known-migrations";
import { POSTGRES_MIGRATIONS_TABLE, inspectSchema, schemaProblem } from "./schema-check";
import { MIGRATIONS_POSTGRES_SCHEMA } from "./schema";
import { connectForStartup } from "./startup-check";

/** What a run of the migrations did. */
export interface PostgresMigrationResult {
  applied: number;
  /** Migrations known to this version of Klantwaarde. */
  known: number;
}

/**
 * A statement drizzle-kit wrote for the schema `klantwaarde`, for the schema `schemaName` instead (every table,
 * sequence and index reference is written `"klantwaarde".`; schema names are checked to need no quoting).
 *
 * @example statementForSchema('CREATE TABLE "klantwaarde"."customers" (…)', "kw") // 'CREATE TABLE "kw"."customers" (…)'
 */
export function statementForSchema(statement: string, schemaName: string): string {
  return statement.split(`"${MIGRATIONS_POSTGRES_SCHEMA}".`).join(`"${schemaName}".`);
}

/** The advisory lock's key: one per schema, so two Klantwaardes in two schemas of one database do not wait on each other. */
const lockKey = (schemaName: string) => `klantwaarde migrations ${schemaName}`;

/**
 * Brings the schema of `target` to the current migrations (creating the schema when missing). Safe to call from
 * every instance at every start: it waits for another instance's run, then applies only what is still pending.
 */
export async function migratePostgres(
  target: PostgresTarget,
  migrationsFolder: string = POSTGRES_MIGRATIONS_FOLDER,
): Promise<PostgresMigrationResult> {
  const migrations = readPostgresMigrations(migrationsFolder);
  const client = await connectForStartup(target);
  const schema = `"${target.schema}"`;
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [lockKey(target.schema)]);
    const facts = await inspectSchema(client, target.schema);
    const problem = schemaProblem(
      facts,
      target,
      migrations.map((migration) => migration.hash),
    );
    if (problem) throw problem;
    await client.query("BEGIN");
    try {
      // Only when missing: even CREATE SCHEMA IF NOT EXISTS needs the right to create schemas, which a role given
      // a schema of its own by an administrator does not have.
      if (!facts.schemaExists) await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}."${POSTGRES_MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
      );
      const { rows } = await client.query<{ created_at: string | null }>(
        `SELECT max(created_at) AS created_at FROM ${schema}."${POSTGRES_MIGRATIONS_TABLE}"`,
      );
      const lastApplied = Number(rows[0]?.created_at ?? 0);
      const pending = migrations.filter((migration) => migration.folderMillis > lastApplied);
      for (const migration of pending) {
        for (const statement of migration.sql) {
          if (statement.trim() === "") continue;
          try {
            await client.query(statementForSchema(statement, target.schema));
          } catch (error) {
            throw new DatabaseStartupError(
              `Could not bring the schema "${target.schema}" in ${target.server} to the current version ` +
                `(migration ${migrations.indexOf(migration) + 1} of ${migrations.length}: ${withoutPassword((error as Error).message, target)}). ` +
                `Nothing of it was applied; check the role's rights on the schema.`,
            );
          }
        }
        await client.query(`INSERT INTO ${schema}."${POSTGRES_MIGRATIONS_TABLE}" (hash, created_at) VALUES ($1, $2)`, [
          migration.hash,
          migration.folderMillis,
        ]);
      }
      await client.query("COMMIT");
      return { applied: pending.length, known: migrations.length };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    // Ending the connection releases the advisory lock as well.
    await client.end().catch(() => {});
  }
}
