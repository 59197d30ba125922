export { backupDatabase, type BackupOptions, type BackupResult } from "./backup-database";
export { checkDatabaseFile, describeInspection, inspectBackup, type BackupInspection, type TableCounts } from "./inspect-backup";
export { BackupError, type BackupProblem, type BackupProblemCode } from "./problems";
export { checkBackup, restoreDatabase, safetyBackupPath, type RestoreRequest, type RestoreResult } from "./restore-database";
export { knownMigrations, readSchemaVersion, type KnownMigration, type SchemaVersion } from "./schema-version";
