/**
 * What `npm run db:generate:pg` (drizzle.pg.config.ts) reads: the PostgreSQL tables in the schema the migrations
 * are written for. The migration runner (db/pg/migrate.ts) applies them to the schema DATABASE_URL names.
 */
import { definePostgresTables, MIGRATIONS_POSTGRES_SCHEMA } from "./schema";

export const {
  customers,
  customerAttributes,
  customerChanges,
  customerAttributeChanges,
  imports,
  importRejectedRows,
  transactions,
  settings,
  snapshots,
  customerScores,
  snapshotCohorts,
  dataVersions,
  recomputeQueue,
  decisionNotes,
  customerErasures,
  authUsers,
  authSessions,
  authAccounts,
  authVerifications,
  authRateLimits,
  instanceSecrets,
  auditEvents,
  privacySettings,
} = definePostgresTables(MIGRATIONS_POSTGRES_SCHEMA);
