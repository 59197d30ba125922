/**
 * The recompute job: turns the transactions and the settings into a snapshot of every customer's figures,
 * with the pure scoring rules of lib/scoring on top of the engine in lib/clv. Requests go into a queue
 * (queue.ts), one runner works it off in a process of its own (request.ts, runner.ts): load the purchases
 * (load-transactions.ts), fit and score (recompute.ts), write the snapshot (write-snapshot.ts) and its cohort
 * figures (cohort-figures.ts). Pages never call the job; they read snapshots through lib/queries.
 */
export { requestRecompute, type RecomputeRequest, type RecomputeRequestResult } from "./request";
export { recomputeNow, runQueuedRecomputes } from "./runner";
export { SNAPSHOTS_KEPT, type RecomputeOutcome } from "./recompute";
