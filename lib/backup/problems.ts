/**
 * Why a file cannot be backed up to or restored from: one problem per thing that is wrong, each with a
 * message for people that names the file, says what is wrong and how to fix it.
 */
export type BackupProblemCode =
  | "not-found"
  | "empty-file"
  | "not-sqlite"
  | "unreadable"
  | "live-wal"
  | "not-klantwaarde"
  | "no-migrations"
  | "missing-tables"
  | "unknown-migration"
  | "newer-schema"
  | "missing-migration"
  | "integrity"
  | "exists"
  | "same-file"
  | "in-use";

export interface BackupProblem {
  code: BackupProblemCode;
  message: string;
}

/** A backup or restore was refused (nothing was changed) or failed; `problems` lists every reason. */
export class BackupError extends Error {
  readonly problems: BackupProblem[];

  constructor(message: string, problems: BackupProblem[] = []) {
    super(problems.length > 0 ? `${message}\n${problems.map((problem) => `  - ${problem.message}`).join("\n")}` : message);
    this.name = "BackupError";
    this.problems = problems;
  }

  /** A refusal for one reason, told in one message. */
  static single(code: BackupProblemCode, message: string): BackupError {
    const error = new BackupError(message);
    error.problems.push({ code, message });
    return error;
  }
}
