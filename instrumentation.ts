/**
 * Runs once when the Next.js server starts. On the Node.js runtime it checks the database (see
 * `lib/startup-check.ts`) so that a broken DATABASE_URL stops start-up with a clear message.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkDatabaseAtStartup } = await import("./lib/startup-check");
    await checkDatabaseAtStartup();
  }
}
