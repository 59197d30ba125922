/**
 * What a staged order or line of a transactions file does, as a number both stores write into their SQL
 * (transaction-writer.ts on SQLite, postgres/transaction-import.ts; the top of transaction-writer.ts says when
 * each applies).
 */
export const ORDER_OUTCOME = {
  /** A no-purchase order that nothing stored matches: nothing happens, nothing is counted. */
  nothing: 0,
  new: 1,
  updated: 2,
  takenBack: 3,
  duplicate: 4,
} as const;
