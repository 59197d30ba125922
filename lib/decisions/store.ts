import "server-only";
import { eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { decisionNotes } from "@/db/schema";
import { getDb } from "@/lib/db";
import { storedSegment, type DecisionStatus, type NoteInput } from "./note-input";
import type { SegmentSize } from "./segment-figures";

/**
 * Writing decision notes (validated input only: see note-input.ts). Each function is one statement; a
 * failure is logged with detail and rethrown with a message safe for people.
 */
function fail(what: string, error: unknown): never {
  console.error(`[decisions] ${what} failed`, error);
  throw new Error(`Could not ${what}.`);
}

/** The moment of a write, ISO in UTC with milliseconds (as the database's own defaults write it, on both engines). */
const now = () => new Date().toISOString();

/** Adds a note with the group's figures in the snapshot it was written against; returns its id. */
export async function createDecisionNote(
  input: NoteInput,
  then: { snapshotId: number; figures: SegmentSize | null },
  db: KlantwaardeDatabase = getDb(),
): Promise<number> {
  const { kind, key } = storedSegment(input.segment);
  try {
    const [row] = await db
      .insert(decisionNotes)
      .values({
        segmentKind: kind,
        segmentKey: key,
        tactic: input.tactic,
        owner: input.owner,
        target: input.target,
        reviewDate: input.reviewDate,
        snapshotId: then.snapshotId,
        customersThen: then.figures?.customers ?? null,
        predictedClvCentsThen: then.figures?.predictedClvCents ?? null,
      })
      .returning({ id: decisionNotes.id });
    return row!.id;
  } catch (error) {
    fail("save the decision", error);
  }
}

/** Sets a note's status; false when there is no such note. */
export async function setDecisionStatus(id: number, status: DecisionStatus, db: KlantwaardeDatabase = getDb()): Promise<boolean> {
  try {
    return (await db.update(decisionNotes).set({ status, updatedAt: now() }).where(eq(decisionNotes.id, id)).returning({ id: decisionNotes.id })).length > 0;
  } catch (error) {
    fail("change the decision's status", error);
  }
}

/** Deletes a note; false when there is no such note. */
export async function deleteDecisionNote(id: number, db: KlantwaardeDatabase = getDb()): Promise<boolean> {
  try {
    return (await db.delete(decisionNotes).where(eq(decisionNotes.id, id)).returning({ id: decisionNotes.id })).length > 0;
  } catch (error) {
    fail("delete the decision", error);
  }
}
