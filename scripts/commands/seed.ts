import { databaseLocation } from "../../db/describe-database";
import { openReadyDatabase } from "../../db/open-database";
import { seedDemoCompany } from "../../db/seed/seed-demo-company";
import { DEFAULT_DEMO_OPTIONS } from "../../db/seed/demo-company";
import { UsageError, parseCommandArgs, printJson, type Command } from "./command";

const usage = `Usage: npm run --silent clv -- seed [--customers N] [--seed S] [--years Y] [--end-date YYYY-MM-DD] [--replace]

Generates the demo company "De Koffiebrander" into the database at DATABASE_URL.
  --customers N   number of customers (default ${DEFAULT_DEMO_OPTIONS.customers})
  --seed S        random seed; the same seed and end date give the same data (default ${DEFAULT_DEMO_OPTIONS.seed})
  --years Y       years of purchase history (default ${DEFAULT_DEMO_OPTIONS.years})
  --end-date D    last day of the history (default: today)
  --replace       delete all existing data first (otherwise a database with customers is left alone)`;

function parseNumber(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value.replaceAll("_", ""));
  if (value.trim() === "" || !Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`--${name} must be ${integer ? "a whole number" : "a number"} (got "${value}")`);
  }
  return parsed;
}

export const seedCommand: Command = {
  name: "seed",
  summary: "generate the demo company (deterministic) into the database",
  usage,
  async run(args) {
    const { values } = parseCommandArgs("seed", args, {
      customers: { type: "string" },
      seed: { type: "string" },
      years: { type: "string" },
      "end-date": { type: "string" },
      replace: { type: "boolean", default: false },
    });
    const options = {
      customers: parseNumber("customers", values.customers, true),
      seed: parseNumber("seed", values.seed, true),
      years: parseNumber("years", values.years, false),
      endDate: values["end-date"],
    };
    // DATABASE_URL's database on either engine: a SQLite file or a PostgreSQL server.
    const database = await openReadyDatabase();
    try {
      const result = await seedDemoCompany(
        database.db,
        Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
        {
          replace: values.replace,
          onProgress: (done) => process.stderr.write(`\rseeding: ${done.toLocaleString("en")} customers`),
        },
      );
      if (result.customers >= 10_000) process.stderr.write("\n");
      printJson({ database: databaseLocation(database), ...result, seconds: Number(result.seconds.toFixed(2)) });
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    } finally {
      await database.close();
    }
  },
};
