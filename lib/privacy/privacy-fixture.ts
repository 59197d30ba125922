import { openDatabase, type OpenedSqliteDatabase } from "@/db/client";
import { seedDemoCompany } from "@/db/seed/seed-demo-company";
import { recomputeNow } from "@/lib/recompute/runner";

/**
 * A demo company with two snapshots as of different dates (so customers move between them) and one import
 * that wrote some transactions, for the privacy tests. Test-only: imported by *.test.ts files.
 */
export async function privacyTestDatabase(): Promise<{ database: OpenedSqliteDatabase; earlierId: number; laterId: number; importId: number }> {
  const database = openDatabase(":memory:");
  await seedDemoCompany(database.db, { customers: 240, seed: 11, years: 2, endDate: "2026-02-14" });
  const setAnalysisDate = (date: string | null) =>
    database.sqlite
      .prepare(
        `insert into settings (id, document, updated_at) values (1, json_object('analysisDate', ?), '2026-02-15T00:00:00Z')
         on conflict (id) do update set document = json_set(document, '$.analysisDate', excluded.document ->> '$.analysisDate')`,
      )
      .run(date);
  setAnalysisDate("2025-10-31");
  const earlier = await recomputeNow(database, { reason: "test: earlier", force: true });
  setAnalysisDate(null);
  const later = await recomputeNow(database, { reason: "test: later", force: true });
  const importId = Number(
    database.sqlite
      .prepare(
        `insert into imports (kind, file_name, source, status, started_at, finished_at, rows_read, imported)
         values ('transactions', 'orders-2026.csv', 'cli', 'committed', '2026-02-15T00:00:00Z', '2026-02-15T00:00:01Z', 10, 10)`,
      )
      .run().lastInsertRowid,
  );
  return { database, earlierId: earlier.outcome!.snapshotId!, laterId: later.outcome!.snapshotId!, importId };
}

/** The tables with a `customer_id` column, read from the database itself (so a new table is not missed). */
export function tablesWithCustomerId(database: OpenedSqliteDatabase): string[] {
  const tables = database.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[];
  return tables
    .map((table) => table.name)
    .filter((name) => (database.sqlite.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[]).some((column) => column.name === "customer_id"));
}

/** How many rows of any table hold `text` in any text column (JSON documents included). */
export function rowsMentioning(database: OpenedSqliteDatabase, text: string): Record<string, number> {
  const tables = database.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[];
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const columns = (database.sqlite.prepare(`select name, type from pragma_table_info(?)`).all(name) as { name: string; type: string }[]).filter(
      (column) => column.type.toLowerCase() === "text",
    );
    if (columns.length === 0) continue;
    const where = columns.map((column) => `instr("${column.name}", @text) > 0`).join(" or ");
    const { rows } = database.sqlite.prepare(`select count(*) as rows from "${name}" where ${where}`).get({ text }) as { rows: number };
    if (rows > 0) found[name] = rows;
  }
  return found;
}
