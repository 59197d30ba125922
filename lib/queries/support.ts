/**
 * What every named read shares. `failedRead`: the one error rule of lib/queries. The detail (SQL, paths,
 * a stack) goes to the server log; the page's error boundary gets a message that is safe to show.
 */

/**
 * Logs why reading `what` failed and throws a message fit for the page.
 * @example failedRead("the overview", error) // throws Error("Could not read the overview from the database.")
 */
export function failedRead(what: string, error: unknown): never {
  console.error(`[queries] ${what} failed`, error);
  throw new Error(`Could not read ${what} from the database.`);
}
