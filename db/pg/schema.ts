/**
 * The Klantwaarde database schema on PostgreSQL (15 or newer), table for table the one of `db/schema.ts`, in a
 * PostgreSQL schema of its own (default `klantwaarde`, `?schema=` in DATABASE_URL), so a shared managed database
 * is fine. `db/pg/schema-parity.test.ts` keeps the two in step: tables, columns, type families, nullability,
 * defaults, keys, foreign keys, indexes and checks.
 *
 * How the SQLite conventions carry over (the row types stay the same, so one query function can serve both):
 * - money is integer cents, `bigint` (read as a JS number: exact up to 2^53 cents) so sums never pass 2^31;
 * - calendar dates are `date`, read and written as `YYYY-MM-DD` strings (the type checks the format);
 * - moments written by Klantwaarde are ISO text in UTC (`2026-12-06T23:20:47.123Z`), as on SQLite;
 *   better-auth's moments are `timestamptz` (Date objects on both engines);
 * - JSON documents are `jsonb`; SQLite's REAL is `double precision` (8 bytes, not PostgreSQL's 4-byte `real`);
 * - ids count up by themselves (identity columns) but may also be given, as the import does.
 *
 * Change `db/schema.ts` and this file together, then `npm run db:generate` and `npm run db:generate:pg`.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { CohortFigures } from "@/lib/analysis/cohort-table";
import type { AuditActor } from "@/lib/audit/events";
import type { SnapshotFit, SnapshotSummary } from "@/lib/scoring/types";
import type { Settings } from "@/lib/settings/schema";

/** The PostgreSQL schema the migrations in `db/pg/migrations/` are written for. */
export const MIGRATIONS_POSTGRES_SCHEMA = "klantwaarde";

/** SQL of the moment a row is written (the transaction's start), as the ISO text of every `created_at`. */
export const ISO_NOW_SQL = `to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const isoNow = sql.raw(`(${ISO_NOW_SQL})`);
const moment = (name: string) => text(name).notNull().default(isoNow);
const cents = (name: string) => bigint(name, { mode: "number" });
const authMoment = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });

/** A customer's details, for `customers` and `customer_changes` (as `customerDetails` in db/schema.ts). */
const customerDetails = () => ({
  name: text("name"),
  email: text("email"),
  country: text("country"),
  city: text("city"),
  acquisitionChannel: text("acquisition_channel"),
  firstSeenDate: date("first_seen_date", { mode: "string" }),
});

/**
 * Every Klantwaarde table in the PostgreSQL schema `schemaName`. Comments on the tables and columns are in
 * `db/schema.ts`; only what differs on PostgreSQL is said here.
 */
export function definePostgresTables(schemaName: string) {
  const schema = pgSchema(schemaName);

  const customers = schema.table(
    "customers",
    {
      id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
      externalId: text("external_id").notNull().unique(),
      ...customerDetails(),
      createdAt: moment("created_at"),
    },
    (table) => [
      index("customers_first_seen_idx").on(table.firstSeenDate),
      index("customers_country_idx").on(table.country),
      index("customers_acquisition_channel_idx").on(table.acquisitionChannel),
    ],
  );

  const customerAttributes = schema.table(
    "customer_attributes",
    {
      customerId: integer("customer_id")
        .notNull()
        .references(() => customers.id, { onDelete: "cascade" }),
      key: text("key").notNull(),
      value: text("value").notNull(),
    },
    (table) => [
      primaryKey({ columns: [table.customerId, table.key] }),
      index("customer_attributes_key_value_idx").on(table.key, table.value),
      index("customer_attributes_customer_key_value_idx").on(table.customerId, table.key, table.value),
    ],
  );

  const customerChanges = schema.table(
    "customer_changes",
    {
      importId: integer("import_id").notNull(),
      customerId: integer("customer_id").notNull(),
      ...customerDetails(),
    },
    (table) => [primaryKey({ columns: [table.importId, table.customerId] })],
  );

  const customerAttributeChanges = schema.table(
    "customer_attribute_changes",
    {
      importId: integer("import_id").notNull(),
      customerId: integer("customer_id").notNull(),
      key: text("key").notNull(),
      value: text("value").notNull(),
    },
    (table) => [primaryKey({ columns: [table.importId, table.customerId, table.key] })],
  );

  const imports = schema.table(
    "imports",
    {
      id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
      kind: text("kind", { enum: ["transactions", "customers"] }).notNull(),
      fileName: text("file_name").notNull(),
      source: text("source", { enum: ["browser", "cli"] }).notNull(),
      status: text("status", { enum: ["receiving", "running", "committed", "rejected", "failed", "interrupted"] }).notNull(),
      startedAt: text("started_at").notNull(),
      finishedAt: text("finished_at").notNull(),
      rowsRead: integer("rows_read").notNull().default(0),
      imported: integer("imported").notNull().default(0),
      updated: integer("updated").notNull().default(0),
      duplicates: integer("duplicates").notNull().default(0),
      rejected: integer("rejected").notNull().default(0),
      skipInvalid: boolean("skip_invalid").notNull().default(false),
      options: jsonb("options").$type<Record<string, unknown>>(),
      message: text("message"),
      startedBy: jsonb("started_by").$type<AuditActor>(),
      pid: integer("pid"),
      heartbeatAt: text("heartbeat_at"),
      /** bigint like `transactions.id`. */
      pendingTransactionsFrom: bigint("pending_transactions_from", { mode: "number" }),
      pendingCustomersFrom: integer("pending_customers_from"),
    },
    (table) => [index("imports_started_idx").on(table.startedAt)],
  );

  const importRejectedRows = schema.table("import_rejected_rows", {
    importId: integer("import_id")
      .primaryKey()
      .references(() => imports.id, { onDelete: "cascade" }),
    fileGzipBase64: text("file_gzip_base64").notNull(),
    fileBytes: bigint("file_bytes", { mode: "number" }).notNull(),
    rows: integer("rows").notNull(),
    keptAt: text("kept_at").notNull(),
  });

  const transactions = schema.table(
    "transactions",
    {
      /** bigint: rows of refused and failed imports use up ids too, and a large shop imports millions of rows. */
      id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
      externalId: text("external_id"),
      customerId: integer("customer_id")
        .notNull()
        .references(() => customers.id, { onDelete: "cascade" }),
      purchaseDate: date("purchase_date", { mode: "string" }).notNull(),
      revenueCents: cents("revenue_cents").notNull(),
      refundedCents: cents("refunded_cents").notNull().default(0),
      costCents: cents("cost_cents").notNull().default(0),
      quantity: integer("quantity").notNull().default(1),
      channel: text("channel"),
      productCategory: text("product_category"),
      importId: integer("import_id").references(() => imports.id, { onDelete: "set null" }),
      contentKey: text("content_key"),
      supersededBy: integer("superseded_by"),
      createdAt: moment("created_at"),
    },
    (table) => [
      index("transactions_customer_date_idx").on(table.customerId, table.purchaseDate),
      uniqueIndex("transactions_external_id_unique").on(table.externalId).where(sql`${table.supersededBy} IS NULL`),
      index("transactions_superseded_idx").on(table.supersededBy).where(sql`${table.supersededBy} IS NOT NULL`),
      uniqueIndex("transactions_content_key_unique").on(table.contentKey).where(sql`${table.contentKey} IS NOT NULL`),
      // No `transactions_date_format` check: the date type refuses anything that is not a date.
    ],
  );

  const settings = schema.table(
    "settings",
    {
      id: integer("id").primaryKey(),
      document: jsonb("document").notNull().$type<Partial<Settings>>(),
      updatedAt: text("updated_at").notNull(),
    },
    (table) => [check("settings_single_row", sql`${table.id} = 1`)],
  );

  const snapshots = schema.table(
    "snapshots",
    {
      id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
      status: text("status", { enum: ["running", "complete", "failed"] }).notNull(),
      progress: doublePrecision("progress").notNull().default(0),
      phase: text("phase"),
      createdAt: moment("created_at"),
      finishedAt: text("finished_at"),
      reason: text("reason"),
      asOfDate: date("as_of_date", { mode: "string" }),
      firstPurchaseDate: date("first_purchase_date", { mode: "string" }),
      lastPurchaseDate: date("last_purchase_date", { mode: "string" }),
      settings: jsonb("settings").$type<Partial<Settings>>(),
      dataFingerprint: text("data_fingerprint"),
      model: text("model"),
      fit: jsonb("fit").$type<SnapshotFit>(),
      customers: integer("customers"),
      transactions: integer("transactions"),
      summary: jsonb("summary").$type<SnapshotSummary>(),
      message: text("message"),
      seconds: doublePrecision("seconds"),
    },
    (table) => [index("snapshots_status_idx").on(table.status, table.id)],
  );

  const customerScores = schema.table(
    "customer_scores",
    {
      snapshotId: integer("snapshot_id")
        .notNull()
        .references(() => snapshots.id, { onDelete: "cascade" }),
      customerId: integer("customer_id").notNull(),
      historicClvCents: cents("historic_clv_cents").notNull(),
      predictedClvCents: cents("predicted_clv_cents").notNull(),
      totalClvCents: cents("total_clv_cents").notNull(),
      probabilityAlive: doublePrecision("probability_alive"),
      expectedPurchases: doublePrecision("expected_purchases").notNull(),
      expectedOrderValueCents: cents("expected_order_value_cents").notNull(),
      expectedNextPurchaseDate: date("expected_next_purchase_date", { mode: "string" }),
      purchases: integer("purchases").notNull(),
      relationshipDays: integer("relationship_days").notNull(),
      relationshipLengthDays: integer("relationship_length_days"),
      relationshipEnded: integer("relationship_ended"),
      daysSinceLastPurchase: integer("days_since_last_purchase").notNull(),
      recencyScore: integer("recency_score").notNull(),
      frequencyScore: integer("frequency_score").notNull(),
      monetaryScore: integer("monetary_score").notNull(),
      rfmSegment: text("rfm_segment").notNull(),
      clvTier: integer("clv_tier").notNull(),
      quadrant: text("quadrant").notNull(),
      predictedClvLowCents: cents("predicted_clv_low_cents"),
      predictedClvHighCents: cents("predicted_clv_high_cents"),
    },
    (table) => [
      primaryKey({ columns: [table.snapshotId, table.customerId] }),
      index("customer_scores_tier_idx").on(table.snapshotId, table.clvTier, table.predictedClvCents),
      index("customer_scores_segment_idx").on(table.snapshotId, table.rfmSegment),
      index("customer_scores_quadrant_length_idx").on(table.snapshotId, table.quadrant, table.relationshipLengthDays),
      index("customer_scores_predicted_idx").on(table.snapshotId, table.predictedClvCents),
      index("customer_scores_alive_idx").on(table.snapshotId, table.probabilityAlive),
      index("customer_scores_recency_idx").on(table.snapshotId, table.daysSinceLastPurchase),
      index("customer_scores_relationship_idx").on(table.snapshotId, table.relationshipDays),
    ],
  );

  const snapshotCohorts = schema.table("snapshot_cohorts", {
    snapshotId: integer("snapshot_id")
      .primaryKey()
      .references(() => snapshots.id, { onDelete: "cascade" }),
    figures: jsonb("figures").notNull().$type<CohortFigures>(),
  });

  const dataVersions = schema.table(
    "data_versions",
    {
      id: integer("id").primaryKey(),
      data: integer("data").notNull().default(0),
      erasures: integer("erasures").notNull().default(0),
    },
    (table) => [check("data_versions_single_row", sql`${table.id} = 1`)],
  );

  const recomputeQueue = schema.table(
    "recompute_queue",
    {
      id: integer("id").primaryKey(),
      requested: integer("requested").notNull().default(0),
      handled: integer("handled").notNull().default(0),
      forced: integer("forced").notNull().default(0),
      lastReason: text("last_reason"),
      lastRequestedAt: text("last_requested_at"),
      runnerPid: integer("runner_pid"),
      runnerHeartbeatAt: text("runner_heartbeat_at"),
      runnerHolder: text("runner_holder"),
    },
    (table) => [check("recompute_queue_single_row", sql`${table.id} = 1`)],
  );

  const decisionNotes = schema.table(
    "decision_notes",
    {
      id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
      segmentKind: text("segment_kind", { enum: ["tier", "rfm", "quadrant", "cell"] }).notNull(),
      segmentKey: text("segment_key").notNull(),
      tactic: text("tactic").notNull(),
      owner: text("owner"),
      target: text("target"),
      reviewDate: date("review_date", { mode: "string" }),
      status: text("status", { enum: ["open", "done", "dropped"] }).notNull().default("open"),
      snapshotId: integer("snapshot_id").references(() => snapshots.id, { onDelete: "set null" }),
      customersThen: integer("customers_then"),
      predictedClvCentsThen: cents("predicted_clv_cents_then"),
      createdAt: moment("created_at"),
      updatedAt: moment("updated_at"),
    },
    (table) => [
      index("decision_notes_segment_idx").on(table.segmentKind, table.segmentKey, table.status),
      index("decision_notes_status_idx").on(table.status, table.reviewDate),
      // No `decision_notes_review_date_format` check: the date type refuses anything that is not a date.
    ],
  );

  const customerErasures = schema.table("customer_erasures", {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    erasedAt: moment("erased_at"),
    source: text("source", { enum: ["browser", "cli"] }).notNull(),
    transactions: integer("transactions").notNull(),
    attributes: integer("attributes").notNull(),
    scores: integer("scores").notNull(),
  });

  const authUsers = schema.table("auth_users", {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull().unique(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    role: text("role", { enum: ["viewer", "analyst", "admin"] }).notNull().default("viewer"),
    createdAt: authMoment("created_at").notNull(),
    updatedAt: authMoment("updated_at").notNull(),
  });

  const authSessions = schema.table(
    "auth_sessions",
    {
      id: text("id").primaryKey(),
      token: text("token").notNull().unique(),
      userId: text("user_id")
        .notNull()
        .references(() => authUsers.id, { onDelete: "cascade" }),
      expiresAt: authMoment("expires_at").notNull(),
      ipAddress: text("ip_address"),
      userAgent: text("user_agent"),
      createdAt: authMoment("created_at").notNull(),
      updatedAt: authMoment("updated_at").notNull(),
    },
    (table) => [index("auth_sessions_user_idx").on(table.userId)],
  );

  const authAccounts = schema.table(
    "auth_accounts",
    {
      id: text("id").primaryKey(),
      accountId: text("account_id").notNull(),
      providerId: text("provider_id").notNull(),
      userId: text("user_id")
        .notNull()
        .references(() => authUsers.id, { onDelete: "cascade" }),
      accessToken: text("access_token"),
      refreshToken: text("refresh_token"),
      idToken: text("id_token"),
      accessTokenExpiresAt: authMoment("access_token_expires_at"),
      refreshTokenExpiresAt: authMoment("refresh_token_expires_at"),
      scope: text("scope"),
      password: text("password"),
      createdAt: authMoment("created_at").notNull(),
      updatedAt: authMoment("updated_at").notNull(),
    },
    (table) => [index("auth_accounts_user_idx").on(table.userId)],
  );

  const authVerifications = schema.table("auth_verifications", {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: authMoment("expires_at").notNull(),
    createdAt: authMoment("created_at").notNull(),
    updatedAt: authMoment("updated_at").notNull(),
  });

  /** `last_request` is Unix milliseconds, which pass 2^31: bigint. */
  const authRateLimits = schema.table("auth_rate_limits", {
    id: text("id").primaryKey(),
    key: text("key").notNull().unique(),
    count: integer("count").notNull(),
    lastRequest: bigint("last_request", { mode: "number" }).notNull(),
  });

  /**
   * On PostgreSQL only: secrets every instance shares, created once (the session-signing secret, see
   * lib/auth/secret-postgres.ts). On SQLite the secret is a file beside the database.
   */
  const instanceSecrets = schema.table("instance_secrets", {
    name: text("name").primaryKey(),
    value: text("value").notNull(),
    createdAt: moment("created_at"),
  });

  const auditEvents = schema.table(
    "audit_events",
    {
      id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
      at: moment("at"),
      action: text("action").notNull(),
      actor: text("actor").notNull(),
      actorUserId: text("actor_user_id"),
      actorRole: text("actor_role"),
      source: text("source", { enum: ["browser", "cli"] }).notNull(),
      target: text("target"),
      details: jsonb("details").$type<Record<string, unknown>>(),
    },
    (table) => [index("audit_events_action_idx").on(table.action, table.id), index("audit_events_actor_idx").on(table.actor, table.id)],
  );

  const privacySettings = schema.table(
    "privacy_settings",
    {
      id: integer("id").primaryKey(),
      personalDataAudience: text("personal_data_audience", { enum: ["everyone", "analysts", "admins"] })
        .notNull()
        .default("everyone"),
      updatedAt: moment("updated_at"),
    },
    (table) => [
      check("privacy_settings_single_row", sql`${table.id} = 1`),
      check("privacy_settings_audience", sql`${table.personalDataAudience} in ('everyone', 'analysts', 'admins')`),
    ],
  );

  return {
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
  };
}

export type PostgresTables = ReturnType<typeof definePostgresTables>;
