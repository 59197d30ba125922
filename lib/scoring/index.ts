/**
 * Server-side scoring: the recompute job that turns transactions and settings into a snapshot of every
 * customer's figures. Pages never call the job; they read snapshots through lib/queries/snapshots.ts.
 */
export { requestRecompute, type RecomputeRequest, type RecomputeRequestResult } from "./request";
export { recomputeNow, runQueuedRecomputes } from "./runner";
export { SNAPSHOTS_KEPT, type RecomputeOutcome } from "./recompute";
export { RFM_SEGMENTS, RFM_SEGMENT_KEYS, type RfmSegmentKey } from "./rfm-segments";
export type { SnapshotFit, SnapshotSummary } from "./types";
