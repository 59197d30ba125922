/**
 * The session-signing secret on PostgreSQL. Every instance behind a load balancer must sign and check cookies
 * with the same secret, and there is no file beside the database to keep it in: so it is `BETTER_AUTH_SECRET`
 * when set, otherwise a random one stored in the database (`instance_secrets`), created by whichever instance
 * asks first and read by all. (On SQLite it is a file beside the database: lib/auth/secret.ts.)
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { OpenedPostgresDatabase } from "@/db/pg/connect";

/** The row of `instance_secrets` holding the session-signing secret. */
export const SESSION_SECRET_NAME = "session-signing";
const MINIMUM_SECRET_LENGTH = 32;

/**
 * BETTER_AUTH_SECRET when set (nothing is stored then); otherwise the stored secret, created once: of instances
 * starting at the same moment one insert wins and every one of them reads the winner's secret.
 */
export async function authSecretFromPostgres({ db, tables, target }: Pick<OpenedPostgresDatabase, "db" | "tables" | "target">): Promise<string> {
  const fromEnv = process.env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const { instanceSecrets } = tables;
  await db
    .insert(instanceSecrets)
    .values({ name: SESSION_SECRET_NAME, value: crypto.randomBytes(32).toString("base64url") })
    .onConflictDoNothing({ target: instanceSecrets.name });
  const [stored] = await db
    .select({ value: instanceSecrets.value })
    .from(instanceSecrets)
    .where(eq(instanceSecrets.name, SESSION_SECRET_NAME));
  if (!stored || stored.value.length < MINIMUM_SECRET_LENGTH) {
    throw new Error(
      `The session-signing secret in ${target.schema}.instance_secrets on ${target.server} is shorter than ` +
        `${MINIMUM_SECRET_LENGTH} characters. Delete that row (a new one is made; everyone signs in again) or set BETTER_AUTH_SECRET.`,
    );
  }
  return stored.value;
}
