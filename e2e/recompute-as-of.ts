import { execFileSync } from "node:child_process";
import { expect } from "@playwright/test";
import { onPostgres } from "./engine";
import { serverDatabase } from "./server-database";

/** The settings row with `analysisDate` set (SQL of each engine: the document is JSON text on SQLite, jsonb on PostgreSQL). */
const SET_ANALYSIS_DATE = onPostgres
  ? `insert into settings (id, document, updated_at) values (1, jsonb_build_object('analysisDate', ?::text), to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
     on conflict (id) do update set document = settings.document || excluded.document, updated_at = excluded.updated_at`
  : `insert into settings (id, document, updated_at) values (1, json_object('analysisDate', ?), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     on conflict (id) do update set document = json_set(document, '$.analysisDate', excluded.document ->> '$.analysisDate'), updated_at = excluded.updated_at`;

/**
 * Sets the analysis date of the test server's database (its SQLite file `databaseFile`, or its schema on the
 * PostgreSQL run; null: the last purchase) and makes a new snapshot with the command line, as a user would;
 * returns the snapshot's id.
 */
export async function recomputeAsOf(databaseFile: string, port: number, analysisDate: string | null): Promise<number> {
  const database = serverDatabase(databaseFile, port);
  await database.run(SET_ANALYSIS_DATE, analysisDate);
  const output = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/clv.ts", "recompute", "--force"], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
  });
  const result = JSON.parse(output.slice(output.indexOf("{"))) as { status: string; snapshotId: number };
  expect(result.status).toBe("complete");
  return result.snapshotId;
}
