import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { getDatabase } from "@/lib/db";
import { postgresTablesOf } from "@/db/pg/query-database";
import { authTablesOf } from "./auth-tables";
import { authSecret } from "./secret";
import { authSecretFromPostgres } from "./secret-postgres";
import { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from "./password-policy";
import { SESSION_COOKIE_PREFIX } from "./cookie";

/**
 * Sign-in for Klantwaarde: better-auth with e-mail and password, users and sessions in the app's own database
 * (the auth_* tables of db/schema.ts, or of db/pg/schema.ts on PostgreSQL) through its Drizzle adapter. The
 * session-signing secret is a file beside a SQLite database (lib/auth/secret.ts); on PostgreSQL it is
 * BETTER_AUTH_SECRET when set, else one stored in the database and shared by every instance (secret-postgres.ts).
 *
 * - Passwords: better-auth's default hash, scrypt (N = 16384, r = 16, p = 1, 64-byte key, random salt;
 *   @better-auth/utils/password). scrypt is memory-hard: every guess needs 128 * N * r bytes = 32 MiB of
 *   memory, which makes GPU/ASIC guessing of a stolen hash expensive.
 * - Sessions: an opaque token in an http-only, SameSite=Lax cookie, Secure when the app is served over https
 *   (BETTER_AUTH_URL starts with https://). No cookie cache: every request checks the session row, so
 *   "sign out everywhere" (deleting the rows) takes effect at once.
 * - No self sign-up: users are added by an admin (/admin/users), the command line (`clv user add`) or the
 *   one-time /setup page.
 * - Rate limits in the database (shared by every server process): 5 sign-in attempts per minute per client
 *   IP on /sign-in/email, 100 per minute on the other endpoints. The IP is read from x-forwarded-for, which
 *   the production server (scripts/front-server.mjs, run by `npm start`) overwrites with the client's real
 *   address before Next sees the request: the socket's, or the one trusted proxies name
 *   (KLANTWAARDE_TRUSTED_PROXIES, resolved there: lib/security/client-address.mjs). A request without a
 *   usable IP shares one bucket ("no-trusted-ip"): stricter, never looser. Caveat: `next start` and
 *   `next dev` pass the client's own header through; serve with `npm start`.
 */
/** Origins allowed to post to the sign-in endpoints: BETTER_AUTH_URL's, and localhost and 127.0.0.1 as one. */
function trustedOrigins(baseURL: string | undefined): string[] {
  if (!baseURL) return [];
  const url = new URL(baseURL);
  const origins = [url.origin];
  if (url.hostname === "localhost") origins.push(url.origin.replace("//localhost", "//127.0.0.1"));
  if (url.hostname === "127.0.0.1") origins.push(url.origin.replace("//127.0.0.1", "//localhost"));
  return origins;
}

async function createAuth() {
  const database = getDatabase();
  const baseURL = process.env.BETTER_AUTH_URL?.trim() || undefined;
  let secret: string;
  if (database.engine === "sqlite") secret = authSecret(database.path);
  else {
    await database.ready;
    secret = await authSecretFromPostgres({ db: database.db as never, tables: postgresTablesOf(database.db)!, target: database.target });
  }
  const { authUsers, authSessions, authAccounts, authVerifications, authRateLimits } = authTablesOf(database.db);
  return betterAuth({
    appName: "Klantwaarde",
    secret,
    baseURL,
    trustedOrigins: trustedOrigins(baseURL),
    database: drizzleAdapter(database.db, {
      provider: database.engine === "sqlite" ? "sqlite" : "pg",
      schema: { user: authUsers, session: authSessions, account: authAccounts, verification: authVerifications, rateLimit: authRateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "viewer", input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7, // a week
      updateAge: 60 * 60 * 24, // extended once a day while used
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: 5 } },
    },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: baseURL ? baseURL.startsWith("https://") : undefined,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // x-forwarded-for holds exactly the client's address (scripts/front-server.mjs): no trusted proxies here,
      // or a client inside a proxy range (10.0.0.0/8) would be skipped and fall into the shared bucket.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    // Sets the session cookie when a server action (the /setup page) calls auth.api.
    plugins: [nextCookies()],
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

const holder = globalThis as typeof globalThis & { klantwaardeAuth?: Promise<Auth> };

/** The process-wide better-auth instance (created on first use, so `next build` opens no database). */
export function getAuth(): Promise<Auth> {
  holder.klantwaardeAuth ??= createAuth();
  // A failed start (PostgreSQL not reachable) is tried again by the next request.
  holder.klantwaardeAuth.catch(() => (holder.klantwaardeAuth = undefined));
  return holder.klantwaardeAuth;
}
