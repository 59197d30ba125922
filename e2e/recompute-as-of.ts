import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { expect } from "@playwright/test";

/**
 * Sets the analysis date of the database at `databaseFile` (null: the last purchase) and makes a new
 * snapshot with the command line, as a user would; returns the snapshot's id.
 */
export function recomputeAsOf(databaseFile: string, analysisDate: string | null): number {
  const database = new Database(databaseFile, { fileMustExist: true, timeout: 10_000 });
  try {
    database
      .prepare(
        `insert into settings (id, document, updated_at) values (1, json_object('analysisDate', ?), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         on conflict (id) do update set document = json_set(document, '$.analysisDate', excluded.document ->> '$.analysisDate'), updated_at = excluded.updated_at`,
      )
      .run(analysisDate);
  } finally {
    database.close();
  }
  const output = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/clv.ts", "recompute", "--force"], {
    env: { ...process.env, DATABASE_URL: databaseFile },
    encoding: "utf8",
  });
  const result = JSON.parse(output.slice(output.indexOf("{"))) as { status: string; snapshotId: number };
  expect(result.status).toBe("complete");
  return result.snapshotId;
}
