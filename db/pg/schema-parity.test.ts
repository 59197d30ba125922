/**
 * Keeps the two schemas in step: every table of db/schema.ts (SQLite) and db/pg/schema.ts (PostgreSQL) with the same
 * columns, type families, nullability, defaults, keys, foreign keys, indexes (unique and partial included) and
 * checks, the same row types for the code, and each dialect's committed migrations up to date with its schema.
 */
import fs from "node:fs";
import path from "node:path";
import { getTableName, is, type Column, type Table } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as sqliteSchema from "../schema";
import * as pgKitSchema from "./drizzle-kit-schema";
import { definePostgresTables, type PostgresTables } from "./schema";

/** Tables only PostgreSQL has, and why. */
const POSTGRES_ONLY_TABLES: Record<string, string> = {
  instance_secrets: "the session-signing secret is a file beside the database on SQLite (lib/auth/secret.ts)",
};
/** SQLite checks PostgreSQL does with a column type instead. */
const CHECKS_DONE_BY_TYPE: Record<string, string> = {
  transactions_date_format: "purchase_date is a date",
  decision_notes_review_date_format: "review_date is a date",
};

/** What a column holds, the same word for both dialects; a type not listed here fails the test until it is. */
function typeFamily(column: Column): string {
  const families: Record<string, string> = {
    SQLiteInteger: "integer",
    SQLiteBoolean: "boolean",
    SQLiteTimestamp: "moment",
    SQLiteTextJson: "json",
    SQLiteReal: "double",
    PgInteger: "integer",
    PgBigInt53: "integer",
    PgBoolean: "boolean",
    PgTimestamp: "moment",
    PgJsonb: "json",
    PgDoublePrecision: "double",
    PgText: "text",
    PgDateString: "date",
  };
  // SQLite keeps calendar dates as ISO text; every such column is named `…_date`.
  if (column.columnType === "SQLiteText") return column.name.endsWith("_date") ? "date" : "text";
  const family = families[column.columnType];
  if (!family) throw new Error(`no type family for ${column.columnType} (${column.name}): add it to typeFamily`);
  return family;
}

interface TableShape {
  columns: Record<string, { family: string; notNull: boolean; hasDefault: boolean; countsUp: boolean; enumValues?: string[] }>;
  primaryKey: string[];
  uniqueColumns: string[][];
  indexes: Record<string, { columns: string[]; unique: boolean; partial: boolean }>;
  foreignKeys: string[];
  checks: string[];
}

type AnyTableConfig = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

function shapeOf(config: AnyTableConfig): TableShape {
  const columns: TableShape["columns"] = {};
  for (const column of config.columns as Column[]) {
    const identity = (column as { generatedIdentity?: unknown }).generatedIdentity;
    const autoIncrement = (column as { autoIncrement?: boolean }).autoIncrement;
    columns[column.name] = {
      family: typeFamily(column),
      notNull: column.notNull,
      // SQLite reports every integer primary key as defaulted (the rowid); whether an id counts up is `countsUp`.
      hasDefault: column.hasDefault && !column.primary && identity === undefined,
      countsUp: Boolean(autoIncrement) || identity !== undefined,
      ...(column.enumValues && column.enumValues.length > 0 ? { enumValues: [...column.enumValues] } : {}),
    };
  }
  const compositeKey = config.primaryKeys[0]?.columns.map((column) => column.name);
  const uniqueColumns = (config.columns as Column[]).filter((column) => column.isUnique).map((column) => [column.name]);
  for (const unique of config.uniqueConstraints) uniqueColumns.push(unique.columns.map((column) => column.name));
  const indexes: TableShape["indexes"] = {};
  for (const { config: index } of config.indexes) {
    indexes[index.name ?? "(unnamed)"] = {
      columns: index.columns.map((column) => (column as { name: string }).name),
      unique: index.unique,
      partial: index.where !== undefined,
    };
  }
  const foreignKeys = config.foreignKeys.map((foreignKey) => {
    const reference = foreignKey.reference();
    const target = `${getTableName(reference.foreignTable)}(${reference.foreignColumns.map((column) => column.name).join(", ")})`;
    return `${reference.columns.map((column) => column.name).join(", ")} -> ${target} on delete ${foreignKey.onDelete ?? "no action"}`;
  });
  return {
    columns,
    primaryKey: compositeKey ?? (config.columns as Column[]).filter((column) => column.primary).map((column) => column.name),
    uniqueColumns: uniqueColumns.map((set) => set.join(", ")).sort().map((set) => set.split(", ")),
    indexes,
    foreignKeys: foreignKeys.sort(),
    checks: config.checks.map((check) => check.name).filter((name) => !(name in CHECKS_DONE_BY_TYPE)).sort(),
  };
}

const sqliteTables: SQLiteTable[] = Object.values(sqliteSchema as Record<string, unknown>).filter((value) => is(value, SQLiteTable));
const pgTables: PgTable[] = Object.values(definePostgresTables("klantwaarde") as Record<string, unknown>).filter((value) => is(value, PgTable));
const sqliteShapes = Object.fromEntries(sqliteTables.map((table) => [getTableName(table), shapeOf(sqliteTableConfig(table))]));
const pgShapes = Object.fromEntries(
  pgTables.filter((table) => !(getTableName(table) in POSTGRES_ONLY_TABLES)).map((table) => [getTableName(table), shapeOf(pgTableConfig(table))]),
);

describe("the PostgreSQL schema against the SQLite schema", () => {
  it("has the same tables, plus only those PostgreSQL needs alone", () => {
    expect(Object.keys(pgShapes).sort()).toEqual(Object.keys(sqliteShapes).sort());
    expect(pgTables.map((table) => getTableName(table)).filter((name) => name in POSTGRES_ONLY_TABLES)).toEqual(
      Object.keys(POSTGRES_ONLY_TABLES),
    );
    expect(sqliteTables.length).toBeGreaterThanOrEqual(19);
  });

  it.each(sqliteTables.map((table) => getTableName(table)))(
    "%s: same columns (type family, nullability, default, counting id), keys, indexes, foreign keys and checks",
    (name) => {
      expect(pgShapes[name]).toEqual(sqliteShapes[name]);
    },
  );

  it("stores money as bigint cents on PostgreSQL, so sums pass 2^31 safely", () => {
    const centsColumns = pgTables.flatMap((table) => pgTableConfig(table).columns.filter((column) => column.name.includes("cents")));
    expect(centsColumns.length).toBeGreaterThanOrEqual(10);
    for (const column of centsColumns) expect([column.name, column.getSQLType()]).toEqual([column.name, "bigint"]);
  });

  it("puts every table in the schema it is asked for", () => {
    const tables = Object.values(definePostgresTables("kw_elsewhere")).map((table) => pgTableConfig(table).schema);
    expect(new Set(tables)).toEqual(new Set(["kw_elsewhere"]));
  });

  it("gives the code the same row types on both engines", () => {
    type Same<K extends keyof PostgresTables & keyof typeof sqliteSchema> = [
      PostgresTables[K]["$inferSelect"],
      (typeof sqliteSchema)[K] extends Table ? (typeof sqliteSchema)[K]["$inferSelect"] : never,
    ];
    const rows = <K extends keyof PostgresTables & keyof typeof sqliteSchema>() => [] as unknown as Same<K>;
    expectTypeOf(rows<"customers">()[0]).toEqualTypeOf(rows<"customers">()[1]);
    expectTypeOf(rows<"customerAttributes">()[0]).toEqualTypeOf(rows<"customerAttributes">()[1]);
    expectTypeOf(rows<"imports">()[0]).toEqualTypeOf(rows<"imports">()[1]);
    expectTypeOf(rows<"transactions">()[0]).toEqualTypeOf(rows<"transactions">()[1]);
    expectTypeOf(rows<"settings">()[0]).toEqualTypeOf(rows<"settings">()[1]);
    expectTypeOf(rows<"snapshots">()[0]).toEqualTypeOf(rows<"snapshots">()[1]);
    expectTypeOf(rows<"customerScores">()[0]).toEqualTypeOf(rows<"customerScores">()[1]);
    expectTypeOf(rows<"snapshotCohorts">()[0]).toEqualTypeOf(rows<"snapshotCohorts">()[1]);
    expectTypeOf(rows<"dataVersions">()[0]).toEqualTypeOf(rows<"dataVersions">()[1]);
    expectTypeOf(rows<"recomputeQueue">()[0]).toEqualTypeOf(rows<"recomputeQueue">()[1]);
    expectTypeOf(rows<"decisionNotes">()[0]).toEqualTypeOf(rows<"decisionNotes">()[1]);
    expectTypeOf(rows<"customerErasures">()[0]).toEqualTypeOf(rows<"customerErasures">()[1]);
    expectTypeOf(rows<"authUsers">()[0]).toEqualTypeOf(rows<"authUsers">()[1]);
    expectTypeOf(rows<"authSessions">()[0]).toEqualTypeOf(rows<"authSessions">()[1]);
    expectTypeOf(rows<"authAccounts">()[0]).toEqualTypeOf(rows<"authAccounts">()[1]);
    expectTypeOf(rows<"authVerifications">()[0]).toEqualTypeOf(rows<"authVerifications">()[1]);
    expectTypeOf(rows<"authRateLimits">()[0]).toEqualTypeOf(rows<"authRateLimits">()[1]);
    expectTypeOf(rows<"auditEvents">()[0]).toEqualTypeOf(rows<"auditEvents">()[1]);
    expectTypeOf(rows<"privacySettings">()[0]).toEqualTypeOf(rows<"privacySettings">()[1]);
  });
});

describe("the committed migrations", () => {
  /** The newest drizzle-kit snapshot in a migrations folder. */
  function latestSnapshot(folder: string): Record<string, unknown> {
    const files = fs.readdirSync(path.join(folder, "meta")).filter((file) => file.endsWith("_snapshot.json")).sort();
    return JSON.parse(fs.readFileSync(path.join(folder, "meta", files.at(-1)!), "utf8")) as Record<string, unknown>;
  }

  it("of PostgreSQL are up to date with db/pg/schema.ts (else: npm run db:generate:pg)", async () => {
    const kit = await import("drizzle-kit/api");
    const previous = latestSnapshot(path.join(process.cwd(), "db", "pg", "migrations"));
    const current = kit.generateDrizzleJson({ ...pgKitSchema }, previous.id as string);
    expect(await kit.generateMigration(previous as never, current)).toEqual([]);
  });

  it("of SQLite are up to date with db/schema.ts (else: npm run db:generate)", async () => {
    const kit = await import("drizzle-kit/api");
    const previous = latestSnapshot(path.join(process.cwd(), "db", "migrations"));
    const current = await kit.generateSQLiteDrizzleJson({ ...sqliteSchema }, previous.id as string);
    expect(await kit.generateSQLiteMigration(previous as never, current)).toEqual([]);
  });
});
