import path from "node:path";
import { resolveDatabasePath } from "../../db/client";
import { parseDatabaseUrl, type PostgresTarget } from "../../db/database-url";
import { BackupError, checkBackup, describeInspection, restoreDatabase } from "../../lib/backup";
import { inspectPostgresDump, restorePostgres } from "../../lib/backup/postgres-backup";
import { currentCommandLineActor, recordAuditEventInFile } from "../../lib/audit/record";
import { recordAuditEventInPostgres } from "../../lib/audit/record-postgres";
import { UsageError, parseCommandArgs, printJson, type Command } from "./command";

const usage = `Usage: npm run --silent clv -- restore FILE --yes [--json]

Replaces the database at DATABASE_URL (default ./data/klantwaarde.db) with FILE, a file made by
\`clv backup\`. FILE is refused when it is not a SQLite database, not a Klantwaarde database, damaged
(PRAGMA integrity_check) or made by a newer or different version of Klantwaarde (its migration journal);
a backup of an older version is accepted and brought to the current schema.
The current database is first saved as <database>.before-restore-<time>.db; the files are then swapped
atomically. Stop the app first: restore refuses while another program has the database open.
  --yes     really replace the database (without it, FILE is only checked and nothing changes)
  --json    print the result as JSON

With DATABASE_URL=postgres://…, FILE is a dump made by \`clv backup\` there (pg_dump's custom format). It is
restored with pg_restore in one transaction; the schema it replaces is kept, renamed to
<schema>_before_restore_<time> (drop it when you no longer need it). Without pg_restore on this machine
nothing is changed and the command to run is printed.`;

function table(rows: [string, string][]): string {
  return rows.map(([label, value]) => `  ${label.padEnd(13)} ${value}`).join("\n");
}

export const restoreCommand: Command = {
  name: "restore",
  summary: "replace the database with a backup FILE (checked first; the current one is saved)",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs("restore", args, { yes: { type: "boolean", default: false }, json: { type: "boolean", default: false } }, { positionals: 1 });
    const [file] = positionals;
    if (file === undefined) throw new UsageError("name the backup file to restore");
    try {
      const database = parseDatabaseUrl();
      if (database.engine === "postgres") return await restoreIntoPostgres(database, file, values);
      const target = resolveDatabasePath();
      const source = path.resolve(file);
      if (!values.yes) {
        const inspection = checkBackup(source);
        if (values.json) printJson({ restored: false, source, target, schema: inspection.schema, counts: inspection.counts, integrity: inspection.integrity });
        else process.stdout.write(`${source} can be restored.\n${table(describeInspection(inspection))}\n`);
        process.stderr.write(
          `Nothing was changed. To replace the database ${target} with it, stop the app and run again with --yes: ` +
            `npm run clv -- restore ${file} --yes\n`,
        );
        return 2;
      }
      const result = await restoreDatabase({ source, target });
      // In the restored database: its trail goes on from the backup's, with the restore itself.
      await recordAuditEventInFile(result.target, currentCommandLineActor(), { action: "restore", target: result.source, details: { safetyBackup: result.safetyBackup, migrated: result.migrated } });
      if (values.json) {
        printJson({
          restored: true,
          source: result.source,
          target: result.target,
          safetyBackup: result.safetyBackup,
          migrated: result.migrated,
          schema: result.schema,
          counts: result.inspection.counts,
          integrity: result.inspection.integrity,
        });
        return 0;
      }
      const rows: [string, string][] = [
        ["database", result.target],
        ["from", result.source],
        ...describeInspection(result.inspection).filter(([label]) => label !== "size"),
      ];
      if (result.migrated.length > 0) rows.push(["migrated", `${result.migrated.length} migration(s) applied: ${result.migrated.join(", ")}`]);
      rows.push(["previous", result.safetyBackup ? `saved as ${result.safetyBackup}` : "there was no database yet"]);
      process.stdout.write(`Restored the database.\n${table(rows)}\nStart the app again (npm start) to use it.\n`);
      return 0;
    } catch (error) {
      if (error instanceof BackupError) {
        process.stderr.write(`clv restore: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};

/** `clv restore` when DATABASE_URL names PostgreSQL (lib/backup/postgres-backup.ts). */
async function restoreIntoPostgres(target: PostgresTarget, file: string, values: { yes: boolean; json: boolean }): Promise<number> {
  if (!values.yes) {
    const inspection = await inspectPostgresDump(file, target);
    if (values.json) printJson({ restored: false, source: path.resolve(file), target: target.server, schema: inspection.schema, tables: inspection.tables.length, migrations: inspection.migrations.length });
    else process.stdout.write(`${path.resolve(file)} can be restored: a backup of the schema "${inspection.schema}" (${inspection.tables.length} tables, ${inspection.migrations.length} migrations).\n`);
    process.stderr.write(`Nothing was changed. To replace the schema "${target.schema}" on ${target.server} with it, stop the app and run again with --yes: npm run clv -- restore ${file} --yes\n`);
    return 2;
  }
  const result = await restorePostgres(target, file);
  await recordAuditEventInPostgres(target, currentCommandLineActor(), { action: "restore", target: result.source, details: { previousSchema: result.previousSchema, migrated: result.migrated } });
  if (values.json) {
    printJson({ restored: true, source: result.source, target: result.target, previousSchema: result.previousSchema, migrated: result.migrated });
    return 0;
  }
  const rows: [string, string][] = [
    ["database", result.target],
    ["from", result.source],
    ["previous", result.previousSchema ? `kept as schema ${result.previousSchema} (DROP SCHEMA ${result.previousSchema} CASCADE when no longer needed)` : "there was no schema yet"],
  ];
  if (result.migrated > 0) rows.push(["migrated", `${result.migrated} migration(s) applied`]);
  process.stdout.write(`Restored the database.\n${table(rows)}\nStart the app again (npm start) to use it.\n`);
  return 0;
}
