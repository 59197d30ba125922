/**
 * What a failed connection to PostgreSQL means for the person starting Klantwaarde: the host, the cause and the
 * fix, never the password (it is scrubbed from anything the driver says, too).
 */
import { DatabaseStartupError } from "../client";
import type { PostgresTarget } from "../database-url";

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: "nothing accepts connections there",
  ENOTFOUND: "the host name is not known",
  EAI_AGAIN: "the host name could not be looked up",
  ETIMEDOUT: "no answer in time",
  EHOSTUNREACH: "the host cannot be reached",
  ENETUNREACH: "the network cannot be reached",
  ENOENT: "there is no server socket in that folder",
};

/** The password in `connectionString`, decoded, or "" (to scrub it from driver messages). */
function passwordOf(connectionString: string): string {
  try {
    return decodeURIComponent(new URL(connectionString).password);
  } catch {
    return "";
  }
}

/** `text` with the target's password (plain and percent-encoded) replaced by `***`. */
export function withoutPassword(text: string, target: PostgresTarget): string {
  const password = passwordOf(target.connectionString);
  if (password.length < 3) return text;
  return text.split(password).join("***").split(encodeURIComponent(password)).join("***");
}

/**
 * The start-up error for a connection that failed: unreachable (refused, unknown host, timeout), wrong password
 * (28P01), not allowed to connect (28000), no such database (3D000), or anything else with the driver's reason.
 */
export function connectionStartupError(error: unknown, target: PostgresTarget): DatabaseStartupError {
  const { code, message } = error as { code?: string; message?: string };
  const reason = withoutPassword(message ?? String(error), target);
  const where = `${target.host}:${target.port}`;
  const role = target.user ? `"${target.user}"` : "(the default role)";
  if ((code && code in UNREACHABLE_CODES) || /timeout/i.test(reason)) {
    const cause = (code && UNREACHABLE_CODES[code]) ?? "no answer in time";
    return new DatabaseStartupError(
      `Cannot reach PostgreSQL at ${where} (${cause}: ${reason}). Start the server, or correct the host and port in DATABASE_URL.`,
    );
  }
  if (code === "28P01") {
    return new DatabaseStartupError(
      `PostgreSQL at ${where} refused the password of the role ${role}. Correct the password in DATABASE_URL ` +
        `(with @, / and : in it percent-encoded as %40, %2F and %3A), or set the role's password on the server.`,
    );
  }
  if (code === "28000") {
    return new DatabaseStartupError(
      `PostgreSQL at ${where} does not let the role ${role} connect (${reason}). Allow it in the server's ` +
        `pg_hba.conf, or use another role in DATABASE_URL.`,
    );
  }
  if (code === "3D000") {
    return new DatabaseStartupError(
      `The database "${target.database}" does not exist on PostgreSQL at ${where}. Create it ` +
        `(createdb -h ${target.host} -p ${target.port} ${target.database}), or correct its name in DATABASE_URL.`,
    );
  }
  return new DatabaseStartupError(`Cannot connect to PostgreSQL at ${where}: ${reason}. Check DATABASE_URL.`);
}
