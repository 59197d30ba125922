import { createInterface } from "node:readline";
import { openReadyDatabase } from "../../db/open-database";
import { isRole, ROLES, type Role } from "../../lib/auth/roles";
import { addUser, listUsers, removeUser, revokeSessions, setUserRole, UserError } from "../../lib/auth/users";
import { currentCommandLineActor } from "../../lib/audit/record";
import { UsageError, parseCommandArgs, type Command } from "./command";

const usage = `Usage: npm run --silent clv -- user <action> [...]

  user add EMAIL --role viewer|analyst|admin [--password PASSWORD] [--name NAME]
      adds a user who signs in with e-mail and password; without --password it asks for one
      (hidden; or read from stdin when it is not a terminal)
  user list                       the users, their roles and on how many devices they are signed in
  user role EMAIL ROLE            changes a user's role (the last admin keeps theirs)
  user remove EMAIL               removes a user and ends their sessions (never the last admin)
  user sign-out EMAIL             signs a user out everywhere

Roles: viewer (browse, export, present), analyst (also import, settings, recompute, decision notes),
admin (also users, the audit trail and personal-data requests). The database is the one at DATABASE_URL (default ./data/klantwaarde.db).`;

/** Reads a password without echoing it (a terminal), or the first line of stdin (a pipe). */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return "";
  }
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    const stdin = process.stdin;
    let value = "";
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n" || char === "\u0004") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stderr.write("\n");
          resolve(value);
          return;
        }
        if (char === "\u0003") process.exit(130);
        value = char === "\u007f" ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on("data", onData);
  });
}

function requireRole(value: string | undefined): Role {
  if (!isRole(value)) throw new UsageError(`the role must be one of ${ROLES.join(", ")}${value ? ` (not "${value}")` : ""}`);
  return value;
}

export const userCommand: Command = {
  name: "user",
  summary: "manage who can sign in: user add|list|role|remove|sign-out",
  usage,
  async run(args) {
    const [action, ...rest] = args;
    const { values, positionals } = parseCommandArgs("user", rest, { role: { type: "string" }, password: { type: "string" }, name: { type: "string" } }, { positionals: 2 });
    const database = await openReadyDatabase();
    const by = currentCommandLineActor();
    try {
      const email = positionals[0];
      const needEmail = () => {
        if (!email) throw new UsageError(`user ${action} needs an e-mail address`);
        return email;
      };
      switch (action) {
        case "add": {
          const address = needEmail();
          const role = requireRole(values.role);
          const password = values.password ?? (await readPassword(`Password for ${address}: `));
          const user = await addUser(database.db, { email: address, password, role, name: values.name }, by);
          process.stdout.write(`Added ${user.email} as ${user.role}.\n`);
          return 0;
        }
        case "list": {
          const users = await listUsers(database.db);
          if (users.length === 0) process.stdout.write("No users yet: add one with `clv user add EMAIL --role admin`, or open /setup.\n");
          for (const user of users) {
            process.stdout.write(`${user.email}\t${user.role}\t${user.name}\tsigned in on ${user.sessions} device(s)\n`);
          }
          return 0;
        }
        case "role": {
          const address = needEmail();
          const role = requireRole(positionals[1]);
          await setUserRole(database.db, address, role, by);
          process.stdout.write(`${address} is now ${role}.\n`);
          return 0;
        }
        case "remove": {
          const address = needEmail();
          await removeUser(database.db, address, by);
          process.stdout.write(`Removed ${address}.\n`);
          return 0;
        }
        case "sign-out": {
          const address = needEmail();
          process.stdout.write(`Ended ${await revokeSessions(database.db, address, by)} session(s) of ${address}.\n`);
          return 0;
        }
        default:
          throw new UsageError(action ? `unknown action "${action}"` : "name an action: add, list, role, remove or sign-out");
      }
    } catch (error) {
      if (error instanceof UserError) {
        process.stderr.write(`clv user: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await database.close();
    }
  },
};
