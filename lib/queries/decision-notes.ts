import "server-only";
import { and, asc, count, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { decisionNotes, snapshots } from "@/db/schema";
import { getDb } from "@/lib/db";
import type { DecisionStatus } from "@/lib/decisions/note-input";
import type { SegmentKind } from "@/lib/filters/segment-ref";
import { failedRead } from "./support";
import { firstRow } from "@/db/first-row";
import { oneIf } from "@/db/portable-sql";

/** One decision note as the views show it; figures in cents. */
export interface DecisionNoteRow {
  id: number;
  segmentKind: SegmentKind;
  /** The drill-down key: `1`, `champions`, `high-long`, `1.champions`. */
  segmentKey: string;
  tactic: string;
  owner: string | null;
  target: string | null;
  reviewDate: string | null;
  status: DecisionStatus;
  /** The snapshot the note was written against, and its analysis date (null once it is deleted). */
  snapshotId: number | null;
  snapshotAsOfDate: string | null;
  customersThen: number | null;
  predictedClvCentsThen: number | null;
  createdAt: string;
  updatedAt: string;
}

/** Which notes a list shows: by status, or `overdue` (open with a review date before today). */
export const DECISION_VIEWS = ["open", "overdue", "done", "dropped", "all"] as const;
export type DecisionView = (typeof DECISION_VIEWS)[number];

export interface DecisionNoteQuery {
  /** Only the notes of one group (a drill-down). */
  segment?: { kind: SegmentKind; key: string };
  view?: DecisionView;
  /** Today as an ISO date (`overdue` compares the review date with it). */
  today: string;
  limit?: number;
}

/** Today's calendar date (UTC) as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whether an open note's review date has passed. */
export function isOverdue(note: Pick<DecisionNoteRow, "status" | "reviewDate">, today: string): boolean {
  return note.status === "open" && note.reviewDate !== null && note.reviewDate < today;
}

function viewCondition(view: DecisionView, today: string): SQL | undefined {
  switch (view) {
    case "all":
      return undefined;
    case "overdue":
      return and(eq(decisionNotes.status, "open"), lt(decisionNotes.reviewDate, today));
    default:
      return eq(decisionNotes.status, view);
  }
}

/**
 * Decision notes, open ones first, then by review date (soonest first, none last), then newest first.
 *
 * @example listDecisionNotes({ segment: { kind: "rfm", key: "at-risk" }, view: "open", today: "2026-07-01" })
 */
export async function listDecisionNotes({ segment, view = "all", today, limit = 200 }: DecisionNoteQuery, db: KlantwaardeDatabase = getDb()): Promise<DecisionNoteRow[]> {
  try {
    return await db
      .select({
        id: decisionNotes.id,
        segmentKind: decisionNotes.segmentKind,
        segmentKey: decisionNotes.segmentKey,
        tactic: decisionNotes.tactic,
        owner: decisionNotes.owner,
        target: decisionNotes.target,
        reviewDate: decisionNotes.reviewDate,
        status: decisionNotes.status,
        snapshotId: decisionNotes.snapshotId,
        snapshotAsOfDate: snapshots.asOfDate,
        customersThen: decisionNotes.customersThen,
        predictedClvCentsThen: decisionNotes.predictedClvCentsThen,
        createdAt: decisionNotes.createdAt,
        updatedAt: decisionNotes.updatedAt,
      })
      .from(decisionNotes)
      .leftJoin(snapshots, eq(snapshots.id, decisionNotes.snapshotId))
      .where(and(segment ? and(eq(decisionNotes.segmentKind, segment.kind), eq(decisionNotes.segmentKey, segment.key)) : undefined, viewCondition(view, today)))
      .orderBy(
        sql`${decisionNotes.status} <> 'open'`,
        sql`${decisionNotes.reviewDate} IS NULL`,
        asc(decisionNotes.reviewDate),
        desc(decisionNotes.id),
      )
      .limit(limit);
  } catch (error) {
    failedRead("the decisions", error);
  }
}

/** How many open notes each group has, keyed `kind/key` (`cell/1.champions`); groups without any are absent. */
export async function countOpenDecisionNotes(db: KlantwaardeDatabase = getDb()): Promise<Map<string, number>> {
  try {
    const rows = await db
      .select({ kind: decisionNotes.segmentKind, key: decisionNotes.segmentKey, notes: count() })
      .from(decisionNotes)
      .where(eq(decisionNotes.status, "open"))
      .groupBy(decisionNotes.segmentKind, decisionNotes.segmentKey);
    return new Map(rows.map((row) => [`${row.kind}/${row.key}`, row.notes]));
  } catch (error) {
    failedRead("the number of open decisions", error);
  }
}

/** The number of notes in each view of the list (the filter's counts). */
export async function countDecisionNotesByView(today: string, db: KlantwaardeDatabase = getDb()): Promise<Record<DecisionView, number>> {
  try {
    const row = await firstRow(db
      .select({
        all: count(),
        open: sql<number>`coalesce(sum(${oneIf(sql`${decisionNotes.status} = 'open'`)}), 0)`.mapWith(Number),
        overdue: sql<number>`coalesce(sum(${oneIf(sql`${decisionNotes.status} = 'open' and ${decisionNotes.reviewDate} < ${today}`)}), 0)`.mapWith(Number),
        done: sql<number>`coalesce(sum(${oneIf(sql`${decisionNotes.status} = 'done'`)}), 0)`.mapWith(Number),
        dropped: sql<number>`coalesce(sum(${oneIf(sql`${decisionNotes.status} = 'dropped'`)}), 0)`.mapWith(Number),
      })
      .from(decisionNotes)
      .limit(1));
    return { all: row?.all ?? 0, open: row?.open ?? 0, overdue: row?.overdue ?? 0, done: row?.done ?? 0, dropped: row?.dropped ?? 0 };
  } catch (error) {
    failedRead("the number of decisions", error);
  }
}
