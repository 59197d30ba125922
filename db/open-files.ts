/**
 * Which database files this process has open through SQLite.
 *
 * SQLite's locks on Unix are POSIX advisory locks, and POSIX releases *every* lock a process holds on a
 * file as soon as the process closes *any* descriptor of that file. Reading a database's header with
 * `fs.openSync`/`fs.closeSync` while a connection is open therefore silently drops that connection's
 * locks: another program (the `sqlite3` tool, a `clv` command) then believes it is alone, checkpoints and
 * deletes the `-wal` and `-shm` files under the running server, and changes are lost. Code that would read
 * a database file by itself asks here first, and leaves a file that is open alone (SQLite's own
 * descriptors are shared between the connections of one process and are safe).
 *
 * Kept on globalThis: the Next.js server may load this module more than once (one copy per bundle).
 */
import fs from "node:fs";

const holder = globalThis as typeof globalThis & { klantwaardeOpenDatabaseFiles?: Map<string, number> };
const openFiles = (holder.klantwaardeOpenDatabaseFiles ??= new Map<string, number>());

/** The file's identity (device and inode): the same for every path, link or relative name of it. */
function fileKey(filePath: string): string | null {
  try {
    const stat = fs.statSync(filePath);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

/**
 * Records that a SQLite connection of this process has `filePath` open; call the returned function when
 * the connection closes. Call after the connection has opened (the file exists then).
 */
export function registerOpenDatabaseFile(filePath: string): () => void {
  const key = fileKey(filePath);
  if (key === null) return () => {};
  openFiles.set(key, (openFiles.get(key) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const count = (openFiles.get(key) ?? 1) - 1;
    if (count <= 0) openFiles.delete(key);
    else openFiles.set(key, count);
  };
}

/** Whether a SQLite connection of this process has `filePath` open (then never open the file with `fs`). */
export function isDatabaseFileOpenHere(filePath: string): boolean {
  const key = fileKey(filePath);
  return key !== null && openFiles.has(key);
}
