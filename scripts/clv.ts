/**
 * The Klantwaarde command line: `npm run --silent clv -- <command> [options]`.
 * Thin: each command parses its arguments and calls lib/ or db/. Output on stdout, errors on stderr.
 */
import { UsageError, type Command } from "./commands/command";

/**
 * Every command, loaded only when it runs: `clv score` then reads no database driver, password hashing or
 * fake-data library (about 0.3 s of start-up each time). In the order `clv help` lists them.
 */
const commandLoaders: Record<string, () => Promise<Command>> = {
  migrate: () => import("./commands/migrate").then((module) => module.migrateCommand),
  import: () => import("./commands/import").then((module) => module.importCommand),
  seed: () => import("./commands/seed").then((module) => module.seedCommand),
  stats: () => import("./commands/stats").then((module) => module.statsCommand),
  fit: () => import("./commands/fit").then((module) => module.fitCommand),
  score: () => import("./commands/score").then((module) => module.scoreCommand),
  compare: () => import("./commands/compare").then((module) => module.compareCommand),
  recompute: () => import("./commands/recompute").then((module) => module.recomputeCommand),
  report: () => import("./commands/report").then((module) => module.reportCommand),
  customer: () => import("./commands/customer").then((module) => module.customerCommand),
  backup: () => import("./commands/backup").then((module) => module.backupCommand),
  restore: () => import("./commands/restore").then((module) => module.restoreCommand),
  user: () => import("./commands/user").then((module) => module.userCommand),
  audit: () => import("./commands/audit").then((module) => module.auditCommand),
};

async function printHelp(): Promise<void> {
  const commands = await Promise.all(Object.values(commandLoaders).map((load) => load()));
  const width = Math.max(...commands.map((command) => command.name.length));
  process.stdout.write(
    "Klantwaarde command line\n\nUsage: npm run --silent clv -- <command> [options]\n\nCommands:\n" +
      commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join("\n") +
      "\n\nRun `npm run --silent clv -- <command> --help` for the options of one command.\n",
  );
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    await printHelp();
    return 0;
  }
  const load = Object.hasOwn(commandLoaders, name) ? commandLoaders[name] : undefined;
  if (!load) {
    process.stderr.write(`Unknown command "${name}". Known commands: ${Object.keys(commandLoaders).join(", ")}.\n`);
    return 2;
  }
  const command = await load();
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return (await command.run(args)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`clv ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    // On PostgreSQL the start-up checks run before the first query, which then fails with their error as its cause.
    const startupError = [error, error instanceof Error ? error.cause : undefined].find((reason) => reason instanceof Error && reason.name === "DatabaseStartupError");
    if (startupError instanceof Error) {
      process.stderr.write(`clv ${command.name}: ${startupError.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`clv ${command.name} failed: ${message}\n`);
    if (process.env.KLANTWAARDE_DEBUG) console.error(error);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
