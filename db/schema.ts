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
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
} from "drizzle-orm/sqlite-core";

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

/** One row per customer; `externalId` is the customer number in the user's own CRM or webshop. */
export const customers = sqliteTable(
  "customers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    externalId: text("external_id").notNull().unique(),
    name: text("name"),
    email: text("email"),
    country: text("country"),
    city: text("city"),
    acquisitionChannel: text("acquisition_channel"),
    firstSeenDate: text("first_seen_date"),
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
  ],
);

/**
 * Every import of a file (from the browser or the command line), with its counts and outcome. A committed
 * import is written in the same database transaction as its rows; a rejected or failed one is recorded
 * afterwards, with nothing else changed.
 */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["transactions", "customers"] }).notNull(),
    fileName: text("file_name").notNull(),
    source: text("source", { enum: ["browser", "cli"] }).notNull(),
    status: text("status", { enum: ["committed", "rejected", "failed"] }).notNull(),
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
  },
  (table) => [index("imports_started_idx").on(table.startedAt)],
);

/** Purchases and refunds. One row per order line set as the source system reports it. */
export const transactions = sqliteTable(
  "transactions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The order or invoice number in the source system; unique when given. */
    externalId: text("external_id").unique(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    purchaseDate: text("purchase_date").notNull(),
    revenueCents: integer("revenue_cents").notNull(),
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
    contentKey: text("content_key").unique(),
    createdAt: createdAt(),
  },
  (table) => [
    index("transactions_customer_date_idx").on(table.customerId, table.purchaseDate),
    index("transactions_date_idx").on(table.purchaseDate),
    check("transactions_date_format", sql`${table.purchaseDate} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
export type CustomerAttribute = typeof customerAttributes.$inferSelect;
export type Transaction = typeof transactions.$inferSelect;
export type NewTransaction = typeof transactions.$inferInsert;
export type ImportRecord = typeof imports.$inferSelect;
