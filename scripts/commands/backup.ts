import { resolveDatabasePath } from "../../db/client";
import { parseDatabaseUrl } from "../../db/database-url";
import { backupDatabase, BackupError, describeInspection } from "../../lib/backup";
import { backupPostgres } from "../../lib/backup/postgres-backup";
import { currentCommandLineActor, recordAuditEventInFile } from "../../lib/audit/record";
import { recordAuditEventInPostgres } from "../../lib/audit/record-postgres";
import { UsageError, parseCommandArgs, printJson, type Command } from "./command";

const usage = `Usage: npm run --silent clv -- backup FILE [--force] [--json]

Writes a consistent copy of the database at DATABASE_URL (default ./data/klantwaarde.db) to FILE with
SQLite's online backup. Safe while the app or an import runs: the copy holds every change committed when
it was taken and nothing of an import still in progress. It is written to a temporary file next to FILE,
checked (PRAGMA integrity_check, schema version) and then renamed, so FILE is never half written.
  --force   replace FILE when it exists (by default an existing FILE is refused)
  --json    print { source, path, sizeBytes, schema, counts, integrity } as JSON
Restore it with \`npm run clv -- restore FILE --yes\`.

With DATABASE_URL=postgres://…, FILE is a dump of Klantwaarde's schema made with PostgreSQL's pg_dump (custom
format, consistent while the app runs). Without pg_dump on this machine nothing is written and the
command to run is printed (the password never in it: pg_dump reads it from PGPASSWORD).
  --json    then prints { source, path, sizeBytes, schema, tables, migrations }`;

export const backupCommand: Command = {
  name: "backup",
  summary: "write a consistent copy of the database to FILE (safe while the app runs)",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs("backup", args, { force: { type: "boolean", default: false }, json: { type: "boolean", default: false } }, { positionals: 1 });
    const [file] = positionals;
    if (file === undefined) throw new UsageError("name the file to write the backup to, e.g. backup backups/klantwaarde-2026-11-23.db");
    try {
      const target = parseDatabaseUrl();
      if (target.engine === "postgres") {
        const result = await backupPostgres(target, file, { force: values.force });
        await recordAuditEventInPostgres(target, currentCommandLineActor(), { action: "backup", target: result.path, details: { sizeBytes: result.sizeBytes } });
        const { schema, tables, migrations } = result.inspection;
        if (values.json) printJson({ source: result.source, path: result.path, sizeBytes: result.sizeBytes, schema, tables: tables.length, migrations: migrations.length });
        else process.stdout.write(`Backed up the database.\n  database      ${result.source}\n  backup        ${result.path}\n  size          ${result.sizeBytes.toLocaleString("en")} bytes, ${tables.length} tables, ${migrations.length} migrations\n`);
        return 0;
      }
      const result = await backupDatabase(resolveDatabasePath(), file, { force: values.force });
      const { schema, counts, integrity } = result.inspection;
      await recordAuditEventInFile(result.source, currentCommandLineActor(), { action: "backup", target: result.path, details: { sizeBytes: result.sizeBytes } });
      if (values.json) {
        printJson({ source: result.source, path: result.path, sizeBytes: result.sizeBytes, schema, counts, integrity });
        return 0;
      }
      const rows: [string, string][] = [["database", result.source], ["backup", result.path], ...describeInspection(result.inspection)];
      process.stdout.write(`Backed up the database.\n${rows.map(([label, value]) => `  ${label.padEnd(13)} ${value}`).join("\n")}\n`);
      return 0;
    } catch (error) {
      if (error instanceof BackupError) {
        process.stderr.write(`clv backup: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
