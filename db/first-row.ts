/**
 * The first row of a query, or undefined when it has none: the engine-neutral single-row read (PostgreSQL's
 * Drizzle has no single-row method). Put `.limit(1)` on the query when more rows could match.
 *
 * @example const customer = await firstRow(db.select().from(customers).where(eq(customers.id, id)).limit(1))
 */
export async function firstRow<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}
