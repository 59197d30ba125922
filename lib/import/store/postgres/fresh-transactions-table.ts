/**
 * A first import on PostgreSQL (issue #21): when `transactions` is empty, its new rows go into a fresh table of the
 * same shape with no index and no foreign key, which then gets the indexes (each built once, from sorted rows) and
 * the foreign keys (each checked once, in one pass over the rows), and takes the place of the empty table. Writing
 * a million rows into the table itself costs three times as much: every row updates five indexes and fires a
 * check of each foreign key (PostgreSQL lets only a superuser switch those checks off).
 *
 * Readers are not held up while the rows are written and the indexes built: that happens in a table nobody else
 * knows of. Only the swap blocks them: it takes `transactions` and the tables its foreign keys name (customers,
 * imports) in ACCESS EXCLUSIVE mode, adds the foreign keys to the fresh table (one check of all its rows: about
 * half a second a million rows), drops the empty table and renames the fresh one in its place, and the lock ends
 * when the import's transaction commits right after. A reader that asks meanwhile waits that long, then sees the
 * imported data (bench:import reports that time). The lock is waited for at most SWAP_LOCK_WAIT_MS (readers queue
 * behind the wait; a long query, or a deadlock with one that already reads one of the tables, ends it): then the
 * swap is given up (savepoint) and the rows are copied into `transactions` as any import writes them, which costs
 * time, not correctness. The foreign keys are added under the lock, not before it: removing a fresh table that
 * has them, when the swap is given up, would take the same lock of customers and imports (as dropping one of
 * `transactions`' own foreign keys for the import would, for the whole import: that is why they stay).
 *
 * Concurrent erasures: a customer deleted after the import chose its id makes the foreign key's check fail (the
 * import fails, as the per-row check would make it fail); one deleted after the swap loses its new rows with it
 * (the fresh table's foreign key cascades, as the old one did).
 *
 * The fresh table is built only where the swap loses nothing: `transactions` is a plain table owned by this role,
 * with no grants, storage options, row security, user triggers, rules or views on it, in no publication, and no
 * other table's foreign key names it. Its indexes and constraints are copied from the catalog (as the migrations
 * made them) and keep their names; its identity sequence goes on from the old one's value and takes its name.
 */
import type pg from "pg";

/** How long the swap waits for its lock before it copies the rows into `transactions` instead. */
const SWAP_LOCK_WAIT_MS = 2_000;

/** A quoted PostgreSQL identifier. */
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The fresh table of a first import; `name` is its qualified name, for the import's INSERT. */
export interface FreshTransactionsTable {
  name: string;
  /**
   * Builds its indexes and puts it in the place of `transactions` (or copies its rows there: see the top of this
   * file); `onLocked` is called once the swap holds its lock (until the transaction ends).
   */
  swapIn(onLocked?: () => void): Promise<{ swapped: boolean }>;
}

/** An index of `transactions`: as a constraint (primary key, unique) or as a CREATE INDEX statement. */
interface IndexDefinition {
  name: string;
  constraint: string | null;
  constraintDefinition: string | null;
  statement: string;
}

/**
 * Creates the fresh table for import `importId` when `transactions` of `schema` is empty and can be swapped (see the
 * top of this file); null otherwise (the rows then go straight into `transactions`).
 */
export async function createFreshTransactionsTable(client: pg.ClientBase, schema: string, importId: number): Promise<FreshTransactionsTable | null> {
  const s = quoted(schema);
  const table = `${s}.transactions`;
  const fresh = `transactions_import_${importId}`;
  const freshName = `${s}.${quoted(fresh)}`;
  const [eligible] = (
    await client.query<{ ok: boolean; sequence: string | null }>(
      `SELECT NOT EXISTS (SELECT 1 FROM ${table}) AND c.relkind = 'r' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
         AND c.relacl IS NULL AND c.reloptions IS NULL AND NOT c.relrowsecurity AND NOT c.relhasrules AND NOT c.relhassubclass
         AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE confrelid = c.oid)
         AND NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = c.oid)
         AND NOT EXISTS (SELECT 1 FROM pg_publication_rel WHERE prrelid = c.oid)
         AND NOT EXISTS (SELECT 1 FROM pg_depend WHERE refobjid = c.oid AND classid = 'pg_rewrite'::regclass)
         AND NOT EXISTS (SELECT 1 FROM pg_class AS q WHERE q.oid = pg_get_serial_sequence($1, 'id')::regclass AND q.relacl IS NOT NULL) AS ok,
         pg_get_serial_sequence($1, 'id') AS sequence
       FROM pg_class AS c WHERE c.oid = $1::regclass`,
      [table],
    )
  ).rows;
  if (!eligible?.ok) return null;
  const indexes = await indexDefinitions(client, schema, fresh, importId);
  if (indexes === null) return null;
  const foreignKeys = (await client.query<{ name: string; definition: string }>(`SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, [table])).rows;
  const referenced = (await client.query<{ name: string }>(`SELECT DISTINCT confrelid::regclass::text AS name FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, [table])).rows;

  await client.query(`CREATE TABLE ${freshName} (LIKE ${table} INCLUDING ALL EXCLUDING INDEXES)`);
  const oldSequence = eligible.sequence;
  const freshSequence = (await client.query<{ name: string | null }>(`SELECT pg_get_serial_sequence($1, 'id') AS name`, [freshName])).rows[0]?.name ?? null;
  if (oldSequence && freshSequence) {
    // Ids go on where the old table's left off (refused and failed imports use up ids too).
    await client.query(`SELECT setval($1::regclass, last_value, is_called) FROM ${oldSequence}`, [freshSequence]);
  }

  return {
    name: freshName,
    async swapIn(onLocked) {
      // The indexes, before any lock: the table is this transaction's alone.
      for (const index of indexes) {
        if (index.constraint !== null) await client.query(`ALTER TABLE ${freshName} ADD CONSTRAINT ${quoted(`${index.name}_${importId}`)} ${index.constraintDefinition}`);
        else await client.query(index.statement);
      }
      await client.query("SAVEPOINT fresh_transactions_swap");
      try {
        // A statement timeout, not a lock timeout: that one would allow the wait for each of the tables.
        const [before] = (await client.query<{ wait: string }>(`SELECT current_setting('statement_timeout') AS wait, set_config('statement_timeout', '${SWAP_LOCK_WAIT_MS}ms', true)`)).rows;
        await client.query(`LOCK TABLE ${[table, ...referenced.map((row) => row.name)].join(", ")} IN ACCESS EXCLUSIVE MODE`);
        await client.query(`SELECT set_config('statement_timeout', $1, true)`, [before!.wait]);
        onLocked?.();
        const [empty] = (await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`)).rows;
        if (!empty?.empty) throw new NoLongerEmpty();
        for (const key of foreignKeys) await client.query(`ALTER TABLE ${freshName} ADD CONSTRAINT ${quoted(key.name)} ${key.definition}`);
        await client.query(`DROP TABLE ${table}`);
        await client.query(`ALTER TABLE ${freshName} RENAME TO transactions`);
        if (oldSequence && freshSequence) await client.query(`ALTER SEQUENCE ${freshSequence} RENAME TO ${oldSequence.split(".").pop()}`);
        for (const index of indexes) {
          const temporary = quoted(`${index.name}_${importId}`);
          if (index.constraint !== null) await client.query(`ALTER TABLE ${table} RENAME CONSTRAINT ${temporary} TO ${quoted(index.constraint)}`);
          else await client.query(`ALTER INDEX ${s}.${temporary} RENAME TO ${quoted(index.name)}`);
        }
        await client.query("RELEASE SAVEPOINT fresh_transactions_swap");
        return { swapped: true };
      } catch (error) {
        if (!isLockTrouble(error) && !(error instanceof NoLongerEmpty)) throw error;
        // No lock in time (or rows came meanwhile): the rows go into `transactions` as any import writes them (checked row by row).
        await client.query("ROLLBACK TO SAVEPOINT fresh_transactions_swap");
        await client.query("RELEASE SAVEPOINT fresh_transactions_swap");
        await client.query(`INSERT INTO ${table} OVERRIDING SYSTEM VALUE SELECT * FROM ${freshName} ORDER BY customer_id, purchase_date`);
        if (oldSequence && freshSequence) await client.query(`SELECT setval($1::regclass, last_value, is_called) FROM ${freshSequence}`, [oldSequence]);
        await client.query(`DROP TABLE ${freshName}`);
        return { swapped: false };
      }
    },
  };
}

/** Rows came into `transactions` after the fresh table was made (nothing writes them but an import: a safeguard). */
class NoLongerEmpty extends Error {}

/** Whether `error` is the end of the wait for the swap's lock: the statement timeout (57014), a lock timeout the role has set (55P03), or a deadlock (40P01). */
const isLockTrouble = (error: unknown) => ["57014", "55P03", "40P01"].includes((error as { code?: string }).code ?? "");

/**
 * The indexes of `transactions` as statements for the fresh table `fresh`, each under its name followed by the
 * import's id (renamed after the swap); null when a definition does not read as expected.
 */
async function indexDefinitions(client: pg.ClientBase, schema: string, fresh: string, importId: number): Promise<IndexDefinition[] | null> {
  const { rows } = await client.query<{ name: string; definition: string; head: string; constraint: string | null; constraint_definition: string | null }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition, format(' INDEX %I ON %I.%I ', i.relname, $1::text, 'transactions') AS head,
       con.conname AS constraint, pg_get_constraintdef(con.oid) AS constraint_definition
     FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid
       LEFT JOIN pg_constraint AS con ON con.conindid = x.indexrelid AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x')
     WHERE x.indrelid = format('%I.%I', $1::text, 'transactions')::regclass`,
    [schema],
  );
  const definitions: IndexDefinition[] = [];
  for (const row of rows) {
    if (row.constraint === null && !row.definition.includes(row.head)) return null;
    const statement = row.definition.replace(row.head, ` INDEX ${quoted(`${row.name}_${importId}`)} ON ${quoted(schema)}.${quoted(fresh)} `);
    definitions.push({ name: row.name, constraint: row.constraint, constraintDefinition: row.constraint_definition, statement });
  }
  return definitions;
}
