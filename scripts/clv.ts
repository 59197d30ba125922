/**
 * The Klantwaarde command line: `npm run --silent clv -- <command> [options]`.
 * Thin: each command parses its arguments and calls lib/ or db/. Output on stdout, errors on stderr.
 */
import { DatabaseStartupError } from "../db/client";
import { UsageError, type Command } from "./commands/command";
import { importCommand } from "./commands/import";
import { migrateCommand } from "./commands/migrate";
import { seedCommand } from "./commands/seed";
import { statsCommand } from "./commands/stats";
import { fitCommand } from "./commands/fit";
import { scoreCommand } from "./commands/score";
import { compareCommand } from "./commands/compare";
import { recomputeCommand } from "./commands/recompute";
import { reportCommand } from "./commands/report";
import { backupCommand } from "./commands/backup";
import { restoreCommand } from "./commands/restore";
import { customerCommand } from "./commands/customer";
import { userCommand } from "./commands/user";
import { auditCommand } from "./commands/audit";

const commands: Command[] = [
  migrateCommand,
  importCommand,
  seedCommand,
  statsCommand,
  fitCommand,
  scoreCommand,
  compareCommand,
  recomputeCommand,
  reportCommand,
  customerCommand,
  backupCommand,
  restoreCommand,
  userCommand,
  auditCommand,
];

function printHelp(): void {
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
    printHelp();
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}". Known commands: ${commands.map((c) => c.name).join(", ")}.\n`);
    return 2;
  }
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
    if (error instanceof DatabaseStartupError) {
      process.stderr.write(`clv ${command.name}: ${error.message}\n`);
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
