import { databaseLocation } from "../../db/describe-database";
import { openReadyDatabase } from "../../db/open-database";
import { parseCommandArgs, printJson, type Command } from "./command";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "create the database at DATABASE_URL or bring it to the current schema",
  usage: "Usage: npm run --silent clv -- migrate\n\nApplies pending migrations to the database at DATABASE_URL (default ./data/klantwaarde.db).",
  async run(args) {
    parseCommandArgs("migrate", args, {});
    const database = await openReadyDatabase();
    await database.close();
    printJson({ ok: true, database: databaseLocation(database) });
  },
};
