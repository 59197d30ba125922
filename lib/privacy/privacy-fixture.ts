import { sql, type SQL } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { rawRows } from "@/db/raw-rows";
import { imports } from "@/db/schema";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { recomputeNow } from "@/lib/recompute/runner";
import { getSettings, saveSettings } from "@/lib/settings/store";
import { openTestDatabase } from "@/lib/testing/test-database";

/**
 * A demo company with two snapshots as of different dates (so customers move between them) and one import
 * that wrote some transactions, for the privacy tests. Test-only: imported by *.test.ts files. On the engine of the
 * run (lib/testing/test-database.ts).
 */
export async function privacyTestDatabase(): Promise<{ database: OpenedDatabase; earlierId: number; laterId: number; importId: number }> {
  const database = await openTestDatabase();
  const { db } = database;
  await seedDemoCompany(db, { customers: 240, seed: 11, years: 2, endDate: "2026-02-14" });
  const setAnalysisDate = async (analysisDate: string | null) => saveSettings({ ...(await getSettings(db)), analysisDate }, db);
  await setAnalysisDate("2025-10-31");
  const earlier = await recomputeNow(database, { reason: "test: earlier", force: true });
  await setAnalysisDate(null);
  const later = await recomputeNow(database, { reason: "test: later", force: true });
  const [{ id: importId }] = (await db
    .insert(imports)
    .values({
      kind: "transactions",
      fileName: "orders-2026.csv",
      source: "cli",
      status: "committed",
      startedAt: "2026-02-15T00:00:00Z",
      finishedAt: "2026-02-15T00:00:01Z",
      rowsRead: 10,
      imported: 10,
    })
    .returning({ id: imports.id })) as [{ id: number }];
  return { database, earlierId: earlier.outcome!.snapshotId!, laterId: later.outcome!.snapshotId!, importId };
}

/** The `n` of a query's one row (a count or a sum), as the privacy tests check them. */
export async function countOf(database: OpenedDatabase, query: SQL): Promise<number> {
  const [row] = await rawRows<{ n: number }>(database.db, query);
  return row!.n;
}

/** A table's columns with their declared type, read from the engine's catalogue. */
async function columnsOf(database: OpenedDatabase): Promise<{ table: string; column: string; type: string }[]> {
  if (database.engine === "postgres") {
    return rawRows(
      database.db,
      sql`select table_name as "table", column_name as "column", data_type as type from information_schema.columns
          where table_schema = current_schema() order by table_name, ordinal_position`,
    );
  }
  return rawRows(
    database.db,
    sql`select m.name as "table", c.name as "column", c.type as type from sqlite_master as m, pragma_table_info(m.name) as c
        where m.type = 'table' and m.name not like 'sqlite_%' order by m.name, c.cid`,
  );
}

/** The tables with a `customer_id` column, read from the database itself (so a new table is not missed). */
export async function tablesWithCustomerId(database: OpenedDatabase): Promise<string[]> {
  return (await columnsOf(database)).filter((row) => row.column === "customer_id").map((row) => row.table);
}

/** Column types that hold text: SQLite's TEXT; PostgreSQL's text types and its JSON documents (read as their text). */
const TEXT_TYPES = new Set(["text", "character varying", "character", "json", "jsonb"]);

/** How many rows of any table hold `text` in any text column (JSON documents included). */
export async function rowsMentioning(database: OpenedDatabase, text: string): Promise<Record<string, number>> {
  const byTable = new Map<string, string[]>();
  for (const row of await columnsOf(database)) {
    if (!TEXT_TYPES.has(row.type.toLowerCase())) continue;
    byTable.set(row.table, [...(byTable.get(row.table) ?? []), row.column]);
  }
  const found: Record<string, number> = {};
  for (const [table, columns] of byTable) {
    // instr on SQLite, strpos on PostgreSQL: both find the text literally (no LIKE wildcards).
    const contains = (column: string) =>
      database.engine === "postgres" ? sql`strpos(CAST(${sql.identifier(column)} AS TEXT), ${text}) > 0` : sql`instr(${sql.identifier(column)}, ${text}) > 0`;
    const rows = await countOf(database, sql`select count(*) as n from ${sql.identifier(table)} where ${sql.join(columns.map(contains), sql` or `)}`);
    if (rows > 0) found[table] = rows;
  }
  return found;
}
