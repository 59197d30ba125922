/**
 * The Klantwaarde database schema (SQLite through Drizzle ORM).
 *
 * Conventions:
 * - money is stored as integer cents (`revenueCents`, `costCents`); net value = revenue - cost,
 *   refunds are rows with negative revenue (and cost);
 * - calendar dates are ISO text `YYYY-MM-DD` (sortable, indexable, readable in any SQLite tool);
 * - moments (when a row was written) are ISO timestamps in UTC.
 *
 * Change this file, then run `npm run db:generate` and commit the new migration in `db/migrations/`.
 */
import { sql } from "drizzle-orm";
import type { CohortFigures } from "@/lib/analysis/cohort-table";
import type { AuditActor } from "@/lib/audit/events";
import type { SnapshotFit, SnapshotSummary } from "@/lib/scoring/types";
import type { Settings } from "@/lib/settings/schema";
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

/** A customer's details, which a customers file sets or changes: in `customers`, and in `customer_changes` (null: unchanged). */
const customerDetails = () => ({
  name: text("name"),
  email: text("email"),
  country: text("country"),
  city: text("city"),
  acquisitionChannel: text("acquisition_channel"),
  firstSeenDate: text("first_seen_date"),
});

/** One row per customer; `externalId` is the customer number in the user's own CRM or webshop. */
export const customers = sqliteTable(
  "customers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    externalId: text("external_id").notNull().unique(),
    ...customerDetails(),
    createdAt: createdAt(),
  },
  (table) => [
    index("customers_first_seen_idx").on(table.firstSeenDate),
    index("customers_country_idx").on(table.country),
    index("customers_acquisition_channel_idx").on(table.acquisitionChannel),
  ],
);

/**
 * Soft data about a customer (preferences, interests, satisfaction, loyalty membership, ...), kept as
 * key/value pairs so that any column a user brings can be stored and later analysed as a driver of value.
 */
export const customerAttributes = sqliteTable(
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
    // A segment's drivers count its customers' attributes from this index alone.
    index("customer_attributes_customer_key_value_idx").on(table.customerId, table.key, table.value),
  ],
);

/**
 * What a customers file changes in stored customers (a value per changed field, `null`: unchanged), one
 * row per import and customer. Written in the import's short steps and invisible while it runs; from its
 * last transaction (the `committed` status) on, every reader sees the stored values overlaid by these
 * (lib/import/store/customer-changes.ts), until they are folded into `customers` in short steps. So the
 * last transaction stays short however many customers a file changes.
 */
export const customerChanges = sqliteTable(
  "customer_changes",
  {
    importId: integer("import_id").notNull(),
    customerId: integer("customer_id").notNull(),
    ...customerDetails(),
  },
  (table) => [primaryKey({ columns: [table.importId, table.customerId] })],
);

/** The soft attributes a customers file sets on stored customers: as `customer_changes`, per key. */
export const customerAttributeChanges = sqliteTable(
  "customer_attribute_changes",
  {
    importId: integer("import_id").notNull(),
    customerId: integer("customer_id").notNull(),
    key: text("key").notNull(),
    value: text("value").notNull(),
  },
  (table) => [primaryKey({ columns: [table.importId, table.customerId, table.key] })],
);

/**
 * Every import of a file (from the browser or the command line), with its counts and outcome. The row is
 * written `running` in a short transaction of its own before the first data row (so a killed import
 * leaves a trace), its rows are then written in short steps that readers do not see (ids from
 * `pending_transactions_from` and `pending_customers_from` on, see lib/import/store/pending.ts), and one short
 * transaction turns it `committed`. A rejected or failed import has its pending rows removed; a `running`
 * row whose process is gone is marked `interrupted` (lib/import/store/import-record.ts). An upload from
 * the browser is in the history from its first byte, as `receiving`, so a server stopped during an upload
 * also leaves a trace.
 */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    skipInvalid: integer("skip_invalid", { mode: "boolean" }).notNull().default(false),
    /** The formats and column mapping used, as JSON. */
    options: text("options", { mode: "json" }).$type<Record<string, unknown>>(),
    /** Why the import was rejected or failed, for people. */
    message: text("message"),
    /**
     * Who started it (the audit trail's actor as JSON: label, user id, role, source), so an import found
     * interrupted after a stop is recorded in the audit trail under the person who started it.
     */
    startedBy: text("started_by", { mode: "json" }).$type<AuditActor>(),
    /** The process writing a `running` import, and when it last wrote a step (to tell a killed import from a live one). */
    pid: integer("pid"),
    heartbeatAt: text("heartbeat_at"),
    /** While `running`: the first transaction and customer ids this import may write; readers skip these and later ids. */
    pendingTransactionsFrom: integer("pending_transactions_from"),
    pendingCustomersFrom: integer("pending_customers_from"),
  },
  (table) => [index("imports_started_idx").on(table.startedAt)],
);

/**
 * Every rejected row of an import, kept for a day for `GET /api/imports/<id>/rejected-rows` (the report holds
 * the first ones): the CSV file the import wrote, gzip-compressed, as base64 text. In the database, not beside
 * it, so that any app instance on the database can hand it out (lib/import/store/rejected-rows-kept.ts).
 */
export const importRejectedRows = sqliteTable("import_rejected_rows", {
  importId: integer("import_id")
    .primaryKey()
    .references(() => imports.id, { onDelete: "cascade" }),
  /** The CSV file, gzip, base64. */
  fileGzipBase64: text("file_gzip_base64").notNull(),
  /** Its size unpacked, for the download's Content-Length. */
  fileBytes: integer("file_bytes").notNull(),
  rows: integer("rows").notNull(),
  keptAt: text("kept_at").notNull(),
});

/** Purchases and refunds. One row per order line set as the source system reports it. */
export const transactions = sqliteTable(
  "transactions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The order or invoice number in the source system; unique among the rows not superseded. */
    externalId: text("external_id"),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    purchaseDate: text("purchase_date").notNull(),
    /** The net value: what the customer paid minus what was refunded on it (a refund row: negative). */
    revenueCents: integer("revenue_cents").notNull(),
    /**
     * What was refunded on this order, partial refunds too (revenue_cents is already net of it). An order
     * refunded in full is kept with revenue 0 and its total here: no purchase (lib/scoring/purchase-rule.ts).
     */
    refundedCents: integer("refunded_cents").notNull().default(0),
    costCents: integer("cost_cents").notNull().default(0),
    quantity: integer("quantity").notNull().default(1),
    channel: text("channel"),
    productCategory: text("product_category"),
    /** The import that wrote this row (null for the demo company and rows of deleted imports). */
    importId: integer("import_id").references(() => imports.id, { onDelete: "set null" }),
    /**
     * For rows without an order number: a hash of customer, date, amount and line content, so that
     * importing the same file again adds nothing.
     */
    contentKey: text("content_key"),
    /**
     * The import that replaces this order (another total or refund: by a new row with the same order
     * number) or takes it back. While that import runs the row is still data; from its commit on it is not
     * (lib/import/store/pending.ts), and it is deleted soon after (lib/import/store/customer-changes.ts).
     */
    supersededBy: integer("superseded_by"),
    createdAt: createdAt(),
  },
  (table) => [
    index("transactions_customer_date_idx").on(table.customerId, table.purchaseDate),
    uniqueIndex("transactions_external_id_unique").on(table.externalId).where(sql`${table.supersededBy} IS NULL`),
    index("transactions_superseded_idx").on(table.supersededBy).where(sql`${table.supersededBy} IS NOT NULL`),
    // Partial: most rows have an order number and no content key, and need no entry here.
    uniqueIndex("transactions_content_key_unique").on(table.contentKey).where(sql`${table.contentKey} IS NOT NULL`),
    check("transactions_date_format", sql`${table.purchaseDate} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
export type CustomerAttribute = typeof customerAttributes.$inferSelect;
export type Transaction = typeof transactions.$inferSelect;
export type NewTransaction = typeof transactions.$inferInsert;
export type ImportRecord = typeof imports.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// Scoring: settings, snapshots of every customer's figures, and the queue of the recompute job.

/**
 * The analysis settings (model, horizon, discount rate, tiers, quadrants, ...): one row, a JSON document
 * validated by `lib/settings/schema.ts` on every read and write, so a new setting needs no migration.
 */
export const settings = sqliteTable(
  "settings",
  {
    id: integer("id").primaryKey(),
    /** An older document may lack newer settings: read it through `settingsFromDocument`. */
    document: text("document", { mode: "json" }).notNull().$type<Partial<Settings>>(),
    updatedAt: text("updated_at").notNull(),
  },
  (table) => [check("settings_single_row", sql`${table.id} = 1`)],
);

/**
 * One computation of every customer's figures. Pages read the latest `complete` snapshot only: its
 * `customer_scores` rows are written while the snapshot is `running` and become visible together when
 * it turns `complete`. A `failed` snapshot keeps its reason in `message` and has no scores.
 */
export const snapshots = sqliteTable(
  "snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    status: text("status", { enum: ["running", "complete", "failed"] }).notNull(),
    /** 0..1 while running; 1 when complete. */
    progress: real("progress").notNull().default(0),
    /** What the job is doing, for people ("Fitting the models"). */
    phase: text("phase"),
    createdAt: createdAt(),
    finishedAt: text("finished_at"),
    /** Why it was computed: "import 12", "settings", "command line", ... */
    reason: text("reason"),
    /** The analysis date the figures are "as of" (ISO date) and the purchases used. */
    asOfDate: text("as_of_date"),
    firstPurchaseDate: text("first_purchase_date"),
    lastPurchaseDate: text("last_purchase_date"),
    /** The settings document used (a copy: later edits do not change an old snapshot). */
    settings: text("settings", { mode: "json" }).$type<Partial<Settings>>(),
    /** What the data looked like (row count, last id, amount sums): an unchanged fingerprint needs no recompute. */
    dataFingerprint: text("data_fingerprint"),
    /** The purchase model used: bgnbd, mbgnbd, paretonbd or simple. */
    model: text("model"),
    /** Parameters, standard errors, fit quality, model comparison, spend model, margin: see lib/scoring/types.ts. */
    fit: text("fit", { mode: "json" }).$type<SnapshotFit>(),
    customers: integer("customers"),
    transactions: integer("transactions"),
    /** Totals, tiers, quadrants and RFM segments as the report prints them (cents). */
    summary: text("summary", { mode: "json" }).$type<SnapshotSummary>(),
    message: text("message"),
    seconds: real("seconds"),
  },
  (table) => [index("snapshots_status_idx").on(table.status, table.id)],
);

/**
 * Every customer's figures in one snapshot. Money in cents; no foreign key to `customers` on purpose (a
 * snapshot is a record of the past, and checking one would make deleting customers scan this table).
 */
export const customerScores = sqliteTable(
  "customer_scores",
  {
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => snapshots.id, { onDelete: "cascade" }),
    customerId: integer("customer_id").notNull(),
    historicClvCents: integer("historic_clv_cents").notNull(),
    predictedClvCents: integer("predicted_clv_cents").notNull(),
    totalClvCents: integer("total_clv_cents").notNull(),
    /** Null for the simple formula, which has no notion of a customer being alive. */
    probabilityAlive: real("probability_alive"),
    expectedPurchases: real("expected_purchases").notNull(),
    expectedOrderValueCents: integer("expected_order_value_cents").notNull(),
    /** Null when less than one purchase is expected within the horizon. */
    expectedNextPurchaseDate: text("expected_next_purchase_date"),
    purchases: integer("purchases").notNull(),
    /** Days from the first purchase to the snapshot's analysis date (how long they have been a customer). */
    relationshipDays: integer("relationship_days").notNull(),
    /**
     * Relationship length as the snapshot's settings defined it (`summary.quadrantAxes.relationship`; by default
     * first purchase to the day P(alive) falls below the cutoff, lib/clv/relationship-length.ts): the quadrant
     * map's x. Null in snapshots computed before it (their map used `relationship_days`).
     */
    relationshipLengthDays: integer("relationship_length_days"),
    /** 1 when the relationship had ended at the analysis date (always on the map's short side); null before it was stored. */
    relationshipEnded: integer("relationship_ended"),
    daysSinceLastPurchase: integer("days_since_last_purchase").notNull(),
    recencyScore: integer("recency_score").notNull(),
    frequencyScore: integer("frequency_score").notNull(),
    monetaryScore: integer("monetary_score").notNull(),
    /** Key of the RFM segment (`champions`, `cant-lose-them`, ...; names in lib/scoring/rfm-segments.ts). */
    rfmSegment: text("rfm_segment").notNull(),
    /** 1 = the most valuable tier; names in the snapshot's settings. */
    clvTier: integer("clv_tier").notNull(),
    /**
     * `high-long`, `high-short`, `low-long`, `low-short`: CLV (the tier measure) high or low, then relationship
     * length (`relationship_length_days`, and `relationship_ended`) long or short; thresholds in the snapshot's
     * `summary.quadrantAxes`.
     */
    quadrant: text("quadrant").notNull(),
    /**
     * The 90% interval of `predicted_clv_cents` from the uncertainty of the estimated model parameters
     * (lib/clv/clv-interval.ts). Null for the simple formula and in snapshots computed before intervals.
     */
    predictedClvLowCents: integer("predicted_clv_low_cents"),
    predictedClvHighCents: integer("predicted_clv_high_cents"),
  },
  (table) => [
    primaryKey({ columns: [table.snapshotId, table.customerId] }),
    index("customer_scores_tier_idx").on(table.snapshotId, table.clvTier, table.predictedClvCents),
    index("customer_scores_segment_idx").on(table.snapshotId, table.rfmSegment),
    // The quadrant map's longest and shortest relationship per quadrant without scanning the quadrant.
    index("customer_scores_quadrant_length_idx").on(table.snapshotId, table.quadrant, table.relationshipLengthDays),
    index("customer_scores_predicted_idx").on(table.snapshotId, table.predictedClvCents),
    // The customer tables' other sort orders: P(alive), last purchase, relationship length.
    index("customer_scores_alive_idx").on(table.snapshotId, table.probabilityAlive),
    index("customer_scores_recency_idx").on(table.snapshotId, table.daysSinceLastPurchase),
    index("customer_scores_relationship_idx").on(table.snapshotId, table.relationshipDays),
  ],
);

/**
 * The cohort view's month-level figures of a snapshot for all its customers (`CohortFigures` of
 * lib/analysis/cohort-table.ts as JSON), computed by the recompute job so the unfiltered view needs no pass over
 * the transactions at request time. Filtered views are still read live.
 */
export const snapshotCohorts = sqliteTable("snapshot_cohorts", {
  snapshotId: integer("snapshot_id")
    .primaryKey()
    .references(() => snapshots.id, { onDelete: "cascade" }),
  figures: text("figures", { mode: "json" }).notNull().$type<CohortFigures>(),
});

/**
 * Versions of the data that cached reads compare with (lib/queries/support.ts `remember`): one row, two
 * counters, raised in the same transaction as the change (db/data-version.ts). `data`: customers,
 * purchases or soft data that readers see changed (an import committed, a customer erased, the demo company
 * seeded). `erasures`: a customer was erased, the only change to a complete snapshot's scores. Read by
 * every process, so a change made by the command line reaches the server's memory on its next request.
 */
export const dataVersions = sqliteTable(
  "data_versions",
  {
    id: integer("id").primaryKey(),
    data: integer("data").notNull().default(0),
    erasures: integer("erasures").notNull().default(0),
  },
  (table) => [check("data_versions_single_row", sql`${table.id} = 1`)],
);

/**
 * The recompute queue (one row): every request adds one to `requested`; a runner claims the requests up to
 * `requested`, computes one snapshot for all of them and sets `handled`. One runner at a time holds the job
 * by a lease: `runner_holder` names it across hosts (`host:pid:random`, lib/queries/recompute-queue.ts),
 * `runner_pid` is its process id on that host, and the lease ends when `runner_heartbeat_at` is too old.
 */
export const recomputeQueue = sqliteTable(
  "recompute_queue",
  {
    id: integer("id").primaryKey(),
    requested: integer("requested").notNull().default(0),
    handled: integer("handled").notNull().default(0),
    /** A request that must compute even when data and settings are unchanged. */
    forced: integer("forced").notNull().default(0),
    lastReason: text("last_reason"),
    lastRequestedAt: text("last_requested_at"),
    runnerPid: integer("runner_pid"),
    runnerHeartbeatAt: text("runner_heartbeat_at"),
    runnerHolder: text("runner_holder"),
  },
  (table) => [check("recompute_queue_single_row", sql`${table.id} = 1`)],
);

export type SettingsRow = typeof settings.$inferSelect;
export type Snapshot = typeof snapshots.$inferSelect;
export type CustomerScore = typeof customerScores.$inferSelect;
export type NewCustomerScore = typeof customerScores.$inferInsert;
export type RecomputeQueueRow = typeof recomputeQueue.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// Decision log: what a meeting decided about a group of customers.

/**
 * A decision pinned to a group of customers: a tier, RFM segment, quadrant or cross-table cell, with the
 * keys of its drill-down URL (`/segments/[kind]/[key]`: `tier`/`1`, `rfm`/`champions`, `quadrant`/`high-long`,
 * `cell`/`1.champions`; tiers by number, their names come from the snapshot shown). The group's size and
 * predicted CLV in the snapshot it was written against are kept, so a later meeting sees what moved.
 */
export const decisionNotes = sqliteTable(
  "decision_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    segmentKind: text("segment_kind", { enum: ["tier", "rfm", "quadrant", "cell"] }).notNull(),
    segmentKey: text("segment_key").notNull(),
    tactic: text("tactic").notNull(),
    owner: text("owner"),
    /** What should move, in words ("move 10% of At Risk to Loyal"). */
    target: text("target"),
    /** When to look again (ISO date). */
    reviewDate: text("review_date"),
    status: text("status", { enum: ["open", "done", "dropped"] }).notNull().default("open"),
    /** The snapshot the figures below are from (null once that snapshot is deleted). */
    snapshotId: integer("snapshot_id").references(() => snapshots.id, { onDelete: "set null" }),
    customersThen: integer("customers_then"),
    predictedClvCentsThen: integer("predicted_clv_cents_then"),
    createdAt: createdAt(),
    updatedAt: text("updated_at")
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (table) => [
    index("decision_notes_segment_idx").on(table.segmentKind, table.segmentKey, table.status),
    index("decision_notes_status_idx").on(table.status, table.reviewDate),
    check("decision_notes_review_date_format", sql`${table.reviewDate} IS NULL OR ${table.reviewDate} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  ],
);

export type DecisionNote = typeof decisionNotes.$inferSelect;
export type NewDecisionNote = typeof decisionNotes.$inferInsert;

// ---------------------------------------------------------------------------------------------------
// Personal data: erasures (right to erasure, GDPR art. 17).

/**
 * A record that a customer was erased (lib/privacy/erase-customer.ts): when, from where and how many rows
 * went, never who. The newest id is part of the cache versions of lib/queries/snapshot-cache.ts, so every
 * process (the server, the command line) stops showing what it remembered about the erased customer.
 */
export const customerErasures = sqliteTable("customer_erasures", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  erasedAt: text("erased_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  source: text("source", { enum: ["browser", "cli"] }).notNull(),
  transactions: integer("transactions").notNull(),
  attributes: integer("attributes").notNull(),
  scores: integer("scores").notNull(),
});

export type CustomerErasure = typeof customerErasures.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// Sign-in (better-auth through its Drizzle adapter; lib/auth/auth.ts maps its models to these tables).
// Moments are stored as Unix milliseconds (better-auth reads and writes Date objects).

const authMoment = (name: string) => integer(name, { mode: "timestamp_ms" });

/** A person who can sign in. `role` is viewer | analyst | admin (lib/auth/roles.ts). */
export const authUsers = sqliteTable("auth_users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  image: text("image"),
  role: text("role", { enum: ["viewer", "analyst", "admin"] }).notNull().default("viewer"),
  createdAt: authMoment("created_at").notNull(),
  updatedAt: authMoment("updated_at").notNull(),
});

/** A signed-in browser; the cookie holds `token`. Deleting the rows signs a user out everywhere. */
export const authSessions = sqliteTable(
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

/** How a user signs in; for e-mail and password `providerId` is "credential" and `password` the scrypt hash. */
export const authAccounts = sqliteTable(
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

/** One-time values (better-auth's verification model; unused by e-mail and password sign-in today). */
export const authVerifications = sqliteTable("auth_verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: authMoment("expires_at").notNull(),
  createdAt: authMoment("created_at").notNull(),
  updatedAt: authMoment("updated_at").notNull(),
});

/** Request counts per client IP and path (better-auth's database rate-limit storage). */
export const authRateLimits = sqliteTable("auth_rate_limits", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: integer("last_request").notNull(),
});

export type AuthUser = typeof authUsers.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// Audit trail (lib/audit/): who did what and when. Only ever appended to.

/**
 * One action worth accounting for: an import, a settings change, a recompute, an export of a customer list,
 * a change to the users, an erasure, a backup or a restore. `actor` is copied from the user at the time
 * (the e-mail address, or "command line (name)"), so the trail outlives removed users; `actorUserId` is not a
 * foreign key for the same reason. `details` is JSON (lib/audit/events.ts says what each action keeps).
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at")
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    action: text("action").notNull(),
    actor: text("actor").notNull(),
    actorUserId: text("actor_user_id"),
    actorRole: text("actor_role"),
    source: text("source", { enum: ["browser", "cli"] }).notNull(),
    target: text("target"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (table) => [index("audit_events_action_idx").on(table.action, table.id), index("audit_events_actor_idx").on(table.actor, table.id)],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// Privacy: who sees customers' names and e-mail addresses (lib/privacy/masking.ts).

/**
 * The privacy settings (one row; no row = the defaults). `personal_data_audience` is the lowest role that sees
 * customers' names and e-mail addresses: `everyone`, `analysts` (analysts and admins) or `admins`. Admins
 * always see them. Not a model setting: changing it changes no figures and starts no recompute.
 */
export const privacySettings = sqliteTable(
  "privacy_settings",
  {
    id: integer("id").primaryKey(),
    personalDataAudience: text("personal_data_audience", { enum: ["everyone", "analysts", "admins"] })
      .notNull()
      .default("everyone"),
    updatedAt: text("updated_at")
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (table) => [
    check("privacy_settings_single_row", sql`${table.id} = 1`),
    check("privacy_settings_audience", sql`${table.personalDataAudience} in ('everyone', 'analysts', 'admins')`),
  ],
);

export type PrivacySettingsRow = typeof privacySettings.$inferSelect;
