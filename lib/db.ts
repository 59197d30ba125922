import "server-only";
import type { OpenedDatabase } from "@/db/client";
import { openDatabaseAt } from "@/db/open-database";

/**
 * The process-wide database connection of the server (and of the command line, which runs with the
 * `react-server` condition). Opened on first use: the file from DATABASE_URL is checked, created when
 * missing and migrated. Kept on globalThis so that development hot reloads do not open it again.
 */
const holder = globalThis as typeof globalThis & { klantwaardeDatabase?: OpenedDatabase };

export function getDatabase(): OpenedDatabase {
  holder.klantwaardeDatabase ??= openDatabaseAt();
  return holder.klantwaardeDatabase;
}

export function getDb(): OpenedDatabase["db"] {
  return getDatabase().db;
}
