/** How the history page groups customers in its migration matrix (no server code: client components and URL parsing use it too). */
export const MIGRATION_GROUPINGS = ["tier", "rfm", "quadrant"] as const;
export type MigrationGrouping = (typeof MIGRATION_GROUPINGS)[number];
