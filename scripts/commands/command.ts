import { parseArgs, type ParseArgsConfig } from "node:util";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

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

type ParsedOptions<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>;

/**
 * A command's options and positional arguments, read by `node:util` `parseArgs` (every command reads
 * its arguments through this). Bad input is a {@link UsageError} that names the option: an unknown
 * option, an option without its value (`--model` last, or followed by another `--option`), a value for a
 * switch (`--json=yes`), an option given twice, or more than `positionals` positional arguments.
 * Unlike `parseArgs`' strict mode, a value may start with one dash (`--horizon -2`, `--discount-monthly -0.5`),
 * so that a negative number is judged by the option's own rule.
 *
 * @example
 * parseCommandArgs("fit", ["--model", "bgnbd", "--unit=day"], { model: { type: "string" }, unit: { type: "string", default: "week" } })
 * // { values: { model: "bgnbd", unit: "day" }, positionals: [] }
 * parseCommandArgs("fit", ["--modle", "bgnbd"], { model: { type: "string" } })
 * // throws UsageError("unknown option --modle (`npm run --silent clv -- fit --help` lists the options)")
 */
export function parseCommandArgs<const O extends ParseArgsOptionsConfig>(command: string, args: string[], options: O, { positionals = 0 }: { positionals?: number } = {}): ParsedOptions<O> {
  const { values, positionals: given, tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind === "positional") continue;
    if (token.kind === "option-terminator") continue;
    const spec = options[token.name];
    if (spec === undefined) throw new UsageError(`unknown option ${token.rawName} (\`npm run --silent clv -- ${command} --help\` lists the options)`);
    if (seen.has(token.name) && !spec.multiple) throw new UsageError(`option --${token.name} is given twice`);
    seen.add(token.name);
    if (spec.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`option --${token.name} takes no value (got "${token.value}")`);
      continue;
    }
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("--"))) {
      throw new UsageError(`option --${token.name} needs a value`);
    }
  }
  if (given.length > positionals) throw new UsageError(`unexpected argument "${given[positionals]}"`);
  return { values, positionals: given } as ParsedOptions<O>;
}
