/** A `clv` sub-command: parses its own arguments and prints JSON or text; throws `UsageError` on bad input. */
export interface Command {
  name: string;
  /** One line for `clv help`. */
  summary: string;
  usage: string;
  /** Returns the exit code (default 0); throws for errors. */
  run(args: string[]): Promise<number | void> | number | void;
}

/** Bad command-line input: printed to stderr with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Prints a value as JSON on stdout (the machine-readable output of every command). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
