/**
 * PostgreSQL's own client programs for backups (`pg_dump`, `pg_restore`): where they are, how they are called for
 * Klantwaarde's schema, and the same call written out for people to run themselves. The password never goes on a
 * command line (other users of the machine can read those): the programs get it in `PGPASSWORD`, and the
 * commands shown to people say where to put it.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { PostgresTarget } from "@/db/database-url";
import { withoutPassword } from "@/db/pg/connection-errors";

export type PostgresProgramName = "pg_dump" | "pg_restore";

/** Where to look for the programs: `PATH`, then Debian's versioned folders (`/usr/lib/postgresql/<major>/bin`). */
export interface ProgramSearch {
  searchPath?: string;
  debianRoot?: string;
}

/**
 * The path of `name`, or null when it is not installed: `PATH` first, then the newest of Debian's versioned
 * folders (Debian's `postgresql` package does not put `pg_dump` for a server's version on `PATH` by itself).
 * @example findPostgresProgram("pg_dump") // "/usr/lib/postgresql/15/bin/pg_dump" on this project's machines
 */
export function findPostgresProgram(name: PostgresProgramName, search: ProgramSearch = {}): string | null {
  const executable = (file: string) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  };
  for (const folder of (search.searchPath ?? process.env.PATH ?? "").split(path.delimiter)) {
    if (folder !== "" && executable(path.join(folder, name))) return path.join(folder, name);
  }
  const root = search.debianRoot ?? "/usr/lib/postgresql";
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(root).filter((entry) => /^\d+(\.\d+)?$/.test(entry));
  } catch {
    return null;
  }
  for (const version of versions.sort((a, b) => Number(b) - Number(a))) {
    const file = path.join(root, version, "bin", name);
    if (executable(file)) return file;
  }
  return null;
}

/** A call of one program: what runs (`args`, `env`) and what a person would type (`shown`, no password in it). */
export interface PostgresCommand {
  program: PostgresProgramName;
  args: string[];
  /** `PGPASSWORD` when the URL has a password; merged into the process environment. */
  env: Record<string, string>;
  shown: string;
}

/** The server address for the programs' `--dbname`: DATABASE_URL without its password (and without `schema`). */
function connectionWithoutPassword(target: PostgresTarget): { uri: string; password: string } {
  const url = new URL(target.connectionString);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { uri: url.toString(), password };
}

/** A shell word: as it is when it is plain, else in single quotes. */
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

function command(program: PostgresProgramName, target: PostgresTarget, args: string[]): PostgresCommand {
  const { uri, password } = connectionWithoutPassword(target);
  const all = [...args, `--dbname=${uri}`];
  const env: Record<string, string> = password ? { PGPASSWORD: password } : {};
  const prefix = password ? "PGPASSWORD='<the password in DATABASE_URL>' " : "";
  return { program, args: all, env, shown: `${prefix}${program} ${all.map(shellWord).join(" ")}` };
}

/**
 * The dump of Klantwaarde's schema (tables, data, sequences, the migration journal) to `file`, in pg_dump's
 * custom format (compressed; `pg_restore` reads it), without owners and grants so that it restores under
 * another role.
 */
export function dumpCommand(target: PostgresTarget, file: string): PostgresCommand {
  return command("pg_dump", target, ["--format=custom", `--schema=${target.schema}`, "--no-owner", "--no-privileges", `--file=${file}`]);
}

/** Restores `file` (a dump of one schema) in one transaction: all of it or, on any error, nothing. */
export function restoreCommand(target: PostgresTarget, file: string): PostgresCommand {
  return command("pg_restore", target, ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", file]);
}

/** What a program printed and how it ended. */
export interface ProgramRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `program` (its path) with the arguments of `call`; the password in output is replaced by ***. */
export function runPostgresProgram(programPath: string, call: Pick<PostgresCommand, "args" | "env">, target: PostgresTarget): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(programPath, call.args, { env: { ...process.env, ...call.env }, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        exitCode: code ?? 1,
        stdout: withoutPassword(Buffer.concat(stdout).toString("utf8"), target),
        stderr: withoutPassword(Buffer.concat(stderr).toString("utf8"), target).trim(),
      }),
    );
  });
}
