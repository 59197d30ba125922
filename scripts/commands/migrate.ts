import { openDatabase } from "../../db/client";
import { parseCommandArgs, printJson, type Command } from "./command";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "create the database at DATABASE_URL or bring it to the current schema",
  usage: "Usage: npm run --silent clv -- migrate\n\nApplies pending migrations to the database at DATABASE_URL (default ./data/klantwaarde.db).",
  run(args) {
    parseCommandArgs("migrate", args, {});
    const database = openDatabase();
    database.close();
    printJson({ ok: true, database: database.path });
  },
};
