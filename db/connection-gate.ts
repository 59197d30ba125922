/**
 * The gate of the one SQLite connection: a transaction owns it from `begin` to `commit`/`rollback`, and
 * statements of every other caller wait until it is free. With asynchronous transaction bodies another
 * request's statements could otherwise run inside an open transaction (and be rolled back with it), because
 * SQLite has one transaction per connection. The same idea as Kysely's SQLite driver, which runs one
 * connection behind a mutex.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export class ConnectionGate {
  /** The transaction that holds the gate (null: free). */
  private owner: symbol | null = null;
  private freed: Promise<void> = Promise.resolve();
  private open: () => void = () => {};
  private readonly context = new AsyncLocalStorage<symbol>();
  /** The transactions open under the gate, innermost last (db/transaction.ts: nested calls become savepoints). */
  readonly openTransactions: unknown[] = [];

  /** True when a statement of the caller may run now: the gate is free, or the caller's transaction holds it. */
  admits(): boolean {
    return this.owner === null || this.context.getStore() === this.owner;
  }

  /** Whether the caller runs inside the transaction that holds the gate (a nested transaction then uses a savepoint). */
  heldByCaller(): boolean {
    return this.owner !== null && this.context.getStore() === this.owner;
  }

  /** Resolves once a statement of the caller may run (at once when it may already). */
  async whenAdmitted(): Promise<void> {
    while (!this.admits()) await this.freed;
  }

  /**
   * Runs `work` holding the gate: waits until no other transaction holds it, then every statement that
   * `work` (and what it awaits) runs passes, while everybody else's waits until `work` has settled.
   */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    // Check and take in the same tick: several waiters wake up together, one of them takes the gate.
    while (this.owner !== null) await this.freed;
    const owner = Symbol("transaction");
    this.owner = owner;
    this.freed = new Promise((resolve) => (this.open = resolve));
    try {
      return await this.context.run(owner, work);
    } finally {
      this.owner = null;
      this.open();
    }
  }
}
