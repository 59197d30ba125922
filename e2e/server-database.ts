/**
 * The database a test server serves from, for a spec that proves what was (or was not) stored: the server's
 * SQLite file, or in the PostgreSQL run (E2E_POSTGRES_URL, scripts/e2e-postgres.ts) its schema `e2e_<port>` on
 * that database (scripts/e2e-server.ts). A spec writes its SQL once, for both engines: `?` for parameters (never
 * inside a string literal), and camelCase aliases in double quotes (PostgreSQL folds unquoted names to lower case).
 * Values come back as on SQLite (db/pg/type-parsers.ts: counts and sums as numbers, dates as text).
 */
import Database from "better-sqlite3";
import pg from "pg";
import { installPortableTypeParsers } from "../db/pg/type-parsers";
import { onPostgres } from "./engine";

export interface ServerDatabase {
  /** The server's DATABASE_URL: its SQLite file, or its schema on the PostgreSQL test database. */
  url: string;
  /** The rows of `sql`. */
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** Runs a statement that writes (as another process beside the server would); the rows it returns (`RETURNING`). */
  run<T = unknown>(sql: string, ...params: unknown[]): Promise<T[]>;
}

/** `?` placeholders as PostgreSQL's `$1`, `$2`, … */
const numbered = (sql: string) => {
  let at = 0;
  return sql.replace(/\?/g, () => `$${++at}`);
};

/** The database of the test server on `port` whose SQLite file is `file`. */
export function serverDatabase(file: string, port: number): ServerDatabase {
  if (!onPostgres) {
    const open = (readonly: boolean) => new Database(file, { readonly, fileMustExist: true, timeout: 10_000 });
    return {
      url: file,
      async query<T>(sql: string, ...params: unknown[]) {
        const database = open(true);
        try {
          return database.prepare(sql).all(...params) as T[];
        } finally {
          database.close();
        }
      },
      async run<T>(sql: string, ...params: unknown[]) {
        const database = open(false);
        try {
          const statement = database.prepare(sql);
          if (statement.reader) return statement.all(...params) as T[];
          statement.run(...params);
          return [];
        } finally {
          database.close();
        }
      },
    };
  }
  installPortableTypeParsers();
  const withClient = async <R>(work: (client: pg.Client) => Promise<R>) => {
    const client = new pg.Client({ connectionString: process.env.E2E_POSTGRES_URL, options: `-c search_path=e2e_${port}` });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const url = new URL(process.env.E2E_POSTGRES_URL!);
  url.searchParams.set("schema", `e2e_${port}`);
  return {
    url: url.toString(),
    query: <T>(sql: string, ...params: unknown[]) => withClient(async (client) => (await client.query(numbered(sql), params)).rows as T[]),
    run: <T>(sql: string, ...params: unknown[]) => withClient(async (client) => (await client.query(numbered(sql), params)).rows as T[]),
  };
}
