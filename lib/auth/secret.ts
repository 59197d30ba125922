import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET when set, otherwise a random one kept in a file
 * next to the database (`<database>.auth-secret`, readable by this user only), so that a restart keeps every
 * session and a fresh install needs no configuration.
 */
export function authSecret(databasePath: string): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  if (databasePath === ":memory:") return crypto.randomBytes(32).toString("base64url");
  const file = `${databasePath}.auth-secret`;
  try {
    const stored = fs.readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  } catch {
    // not there yet
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch {
    // another process wrote it first: use theirs
    return fs.readFileSync(file, "utf8").trim();
  }
  return secret;
}
