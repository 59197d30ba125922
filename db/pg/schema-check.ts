/**
 * Whether Klantwaarde may use its PostgreSQL schema: a schema that holds tables Klantwaarde did not create (no
 * migrations table, or one recording migrations Klantwaarde does not know) is never written to, and the role must
 * be able to create the schema or its tables.
 */
import type { ClientBase } from "pg";
import { DatabaseStartupError } from "../client";
import type { PostgresTarget } from "../database-url";
import { unknownMigrations } from "./known-migrations";

/** Klantwaarde's record of applied migrations, in its own schema (drizzle-orm's table layout). */
export const POSTGRES_MIGRATIONS_TABLE = "__drizzle_migrations";

/** What the server says about the schema and the connected role's rights. */
export interface SchemaFacts {
  role: string;
  schemaExists: boolean;
  /** Tables (and views) in the schema, sorted. */
  tables: string[];
  /** The hashes in the schema's `__drizzle_migrations`, or null when it has none. */
  appliedMigrations: string[] | null;
  mayCreateSchema: boolean;
  mayUseSchema: boolean;
  mayCreateInSchema: boolean;
}

/** Reads the facts about `schema` over an open connection (reads only). */
export async function inspectSchema(client: ClientBase, schema: string): Promise<SchemaFacts> {
  const { rows } = await client.query<{
    role: string;
    schema_exists: boolean;
    tables: string[] | null;
    may_create_schema: boolean;
    may_use_schema: boolean | null;
    may_create_in_schema: boolean | null;
  }>(
    `SELECT current_user AS role,
            n.oid IS NOT NULL AS schema_exists,
            (SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
              WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')) AS tables,
            has_database_privilege(current_database(), 'CREATE') AS may_create_schema,
            CASE WHEN n.oid IS NULL THEN NULL ELSE has_schema_privilege(n.oid, 'USAGE') END AS may_use_schema,
            CASE WHEN n.oid IS NULL THEN NULL ELSE has_schema_privilege(n.oid, 'CREATE') END AS may_create_in_schema
       FROM (SELECT 1) AS one LEFT JOIN pg_namespace n ON n.nspname = $1`,
    [schema],
  );
  const row = rows[0]!;
  const tables = row.tables ?? [];
  let appliedMigrations: string[] | null = null;
  if (tables.includes(POSTGRES_MIGRATIONS_TABLE)) {
    const applied = await client.query<{ hash: string }>(`SELECT hash FROM "${schema}"."${POSTGRES_MIGRATIONS_TABLE}" ORDER BY id`);
    appliedMigrations = applied.rows.map((migration) => migration.hash);
  }
  return {
    role: row.role,
    schemaExists: row.schema_exists,
    tables,
    appliedMigrations,
    mayCreateSchema: row.may_create_schema,
    mayUseSchema: row.may_use_schema ?? false,
    mayCreateInSchema: row.may_create_in_schema ?? false,
  };
}

/**
 * The reason Klantwaarde may not use the schema, or null: another application's tables, migrations it does not know
 * (`knownMigrations`: the hashes of this version's), no right to create the schema, or no right to use it and create
 * tables in it. Each message names the host and the fix.
 */
export function schemaProblem(facts: SchemaFacts, target: PostgresTarget, knownMigrations: readonly string[]): DatabaseStartupError | null {
  const { schema, database } = target;
  const where = `the database "${database}" on ${target.host}:${target.port}`;
  if (facts.tables.length > 0 && !facts.tables.includes(POSTGRES_MIGRATIONS_TABLE)) {
    const some = facts.tables.slice(0, 5).join(", ") + (facts.tables.length > 5 ? ", …" : "");
    return new DatabaseStartupError(
      `The schema "${schema}" in ${where} holds tables Klantwaarde did not create (${some}), so Klantwaarde will ` +
        `not write to it. Name a schema of its own in DATABASE_URL (?schema=klantwaarde_app; it is created when missing).`,
    );
  }
  const unknown = unknownMigrations(facts.appliedMigrations ?? [], knownMigrations);
  if (unknown > 0) {
    return new DatabaseStartupError(
      `The schema "${schema}" in ${where} records ${unknown} migration${unknown > 1 ? "s" : ""} this version of ` +
        `Klantwaarde does not know (another application's, or a newer Klantwaarde's), so it will not write to it. ` +
        `Update Klantwaarde, or name a schema of its own in DATABASE_URL (?schema=klantwaarde_app).`,
    );
  }
  if (!facts.schemaExists && !facts.mayCreateSchema) {
    return new DatabaseStartupError(
      `The role "${facts.role}" may not create the schema "${schema}" in ${where}. Have an administrator run ` +
        `CREATE SCHEMA ${schema} AUTHORIZATION ${facts.role}; (or GRANT CREATE ON DATABASE ${database} TO ${facts.role};), ` +
        `or use a role that may in DATABASE_URL.`,
    );
  }
  if (facts.schemaExists && !(facts.mayUseSchema && facts.mayCreateInSchema)) {
    return new DatabaseStartupError(
      `The role "${facts.role}" may not create tables in the schema "${schema}" in ${where}. Have an administrator ` +
        `run GRANT USAGE, CREATE ON SCHEMA ${schema} TO ${facts.role};, or use a role that may in DATABASE_URL.`,
    );
  }
  return null;
}
