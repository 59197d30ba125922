import path from "node:path";
import { resolveDatabasePath } from "../../db/client";
import { BackupError, checkBackup, describeInspection, restoreDatabase } from "../../lib/backup";
import { currentCommandLineActor, recordAuditEventInFile } from "../../lib/audit/record";
import { UsageError, parseCommandArgs, printJson, type Command } from "./command";

const usage = `Usage: npm run --silent clv -- restore FILE --yes [--json]

Replaces the database at DATABASE_URL (default ./data/klantwaarde.db) with FILE, a file made by
\`clv backup\`. FILE is refused when it is not a SQLite database, not a Klantwaarde database, damaged
(PRAGMA integrity_check) or made by a newer or different version of Klantwaarde (its migration journal);
a backup of an older version is accepted and brought to the current schema.
The current database is first saved as <database>.before-restore-<time>.db; the files are then swapped
atomically. Stop the app first: restore refuses while another program has the database open.
  --yes     really replace the database (without it, FILE is only checked and nothing changes)
  --json    print the result as JSON`;

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
    const target = resolveDatabasePath();
    const source = path.resolve(file);
    try {
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
