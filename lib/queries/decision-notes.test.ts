import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { decisionNotes, snapshots } from "@/db/schema";
import type { NoteInput } from "@/lib/decisions/note-input";
import { figuresChange, figuresOf } from "@/lib/decisions/segment-figures";
import { createDecisionNote, deleteDecisionNote, setDecisionStatus } from "@/lib/decisions/store";
import { recomputeNow } from "@/lib/recompute/runner";
import { countCustomerScores, sumCustomerScores } from "./customer-scores";
import { countDecisionNotesByView, countOpenDecisionNotes, isOverdue, listDecisionNotes, todayIso } from "./decision-notes";
import { getSegmentBreakdown } from "./segments";
import { openScoredDemoCompany } from "./scored-demo.test-helpers";
import { getCurrentSnapshot, type SnapshotInfo } from "./snapshots";

let database: OpenedDatabase;
let snapshot: SnapshotInfo;

beforeAll(async () => ({ database, snapshot } = await openScoredDemoCompany()));
afterAll(() => database.close());

const note = (segment: NoteInput["segment"], tactic: string, extra: Partial<NoteInput> = {}): NoteInput => ({ segment, tactic, owner: null, target: null, reviewDate: null, ...extra });
const TODAY = "2026-07-01";

describe("segment figures", () => {
  test("each kind of group has the size and predicted CLV of its customers in the snapshot", async () => {
    const breakdown = await getSegmentBreakdown(snapshot, {}, database.db);
    const refs = [
      { ref: { kind: "tier", tier: 1 } as const, filter: { tier: 1 } },
      { ref: { kind: "rfm", segment: "at-risk" } as const, filter: { segment: "at-risk" as const } },
      { ref: { kind: "quadrant", quadrant: "high-long" } as const, filter: { quadrant: "high-long" as const } },
      { ref: { kind: "cell", tier: 2, segment: "champions" } as const, filter: { tier: 2, segment: "champions" as const } },
    ];
    for (const { ref, filter } of refs) {
      const sums = await sumCustomerScores(snapshot, filter, database.db);
      expect(figuresOf(ref, breakdown)).toEqual({ customers: await countCustomerScores(snapshot, filter, database.db), predictedClvCents: sums.predictedClvCents ?? 0 });
    }
  });
  test("a tier the snapshot does not have has no figures; an empty cell has zero", async () => {
    const breakdown = await getSegmentBreakdown(snapshot, {}, database.db);
    expect(figuresOf({ kind: "tier", tier: 9 }, breakdown)).toBeNull();
    expect(figuresOf({ kind: "cell", tier: 9, segment: "champions" }, breakdown)).toBeNull();
    expect(figuresOf({ kind: "cell", tier: 1, segment: "champions" }, { ...breakdown, cells: [] })).toEqual({ customers: 0, predictedClvCents: 0 });
    expect(figuresChange({ customers: 10, predictedClvCents: 500 }, { customers: 7, predictedClvCents: 800 })).toEqual({ customers: -3, predictedClvCents: 300 });
    expect(figuresChange(null, { customers: 7, predictedClvCents: 800 })).toBeNull();
  });
});

describe("decision notes", () => {
  test("a note is stored with the group's figures then and read back by its group", async () => {
    await database.db.delete(decisionNotes);
    const figures = figuresOf({ kind: "rfm", segment: "at-risk" }, await getSegmentBreakdown(snapshot, {}, database.db));
    const id = await createDecisionNote(
      note({ kind: "rfm", segment: "at-risk" }, "Call them <b>now</b>", { owner: "Sanne", target: "10% back to Loyal", reviewDate: "2026-06-30" }),
      { snapshotId: snapshot.id, figures },
      database.db,
    );
    await createDecisionNote(note({ kind: "rfm", segment: "champions" }, "Thank them"), { snapshotId: snapshot.id, figures: null }, database.db);
    const rows = await listDecisionNotes({ segment: { kind: "rfm", key: "at-risk" }, today: TODAY }, database.db);
    expect(rows).toEqual([
      expect.objectContaining({
        id,
        segmentKind: "rfm",
        segmentKey: "at-risk",
        tactic: "Call them <b>now</b>",
        owner: "Sanne",
        target: "10% back to Loyal",
        reviewDate: "2026-06-30",
        status: "open",
        snapshotId: snapshot.id,
        snapshotAsOfDate: snapshot.asOfDate,
        customersThen: figures!.customers,
        predictedClvCentsThen: figures!.predictedClvCents,
      }),
    ]);
    expect(rows[0]!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(isOverdue(rows[0]!, TODAY)).toBe(true);
    expect(isOverdue(rows[0]!, "2026-06-30")).toBe(false);
  });

  test("views: open, overdue, done, dropped and all, with their counts; open notes first, soonest review first", async () => {
    await database.db.delete(decisionNotes);
    const then = { snapshotId: snapshot.id, figures: null };
    const late = await createDecisionNote(note({ kind: "tier", tier: 1 }, "late", { reviewDate: "2026-01-15" }), then, database.db);
    const soon = await createDecisionNote(note({ kind: "tier", tier: 1 }, "soon", { reviewDate: "2026-08-01" }), then, database.db);
    const undated = await createDecisionNote(note({ kind: "quadrant", quadrant: "low-short" }, "undated"), then, database.db);
    const done = await createDecisionNote(note({ kind: "tier", tier: 1 }, "done", { reviewDate: "2026-01-01" }), then, database.db);
    const dropped = await createDecisionNote(note({ kind: "cell", tier: 1, segment: "champions" }, "dropped"), then, database.db);
    expect(await setDecisionStatus(done, "done", database.db)).toBe(true);
    expect(await setDecisionStatus(dropped, "dropped", database.db)).toBe(true);
    expect(await setDecisionStatus(999_999, "done", database.db)).toBe(false);

    const ids = async (view: Parameters<typeof listDecisionNotes>[0]["view"]) => (await listDecisionNotes({ view, today: TODAY }, database.db)).map((row) => row.id);
    expect(await ids("open")).toEqual([late, soon, undated]);
    expect(await ids("overdue")).toEqual([late]);
    expect(await ids("done")).toEqual([done]);
    expect(await ids("dropped")).toEqual([dropped]);
    expect((await ids("all")).slice(0, 3)).toEqual([late, soon, undated]);
    expect(await ids("all")).toHaveLength(5);
    expect(await countDecisionNotesByView(TODAY, database.db)).toEqual({ all: 5, open: 3, overdue: 1, done: 1, dropped: 1 });
    // A done note is not overdue, whatever its date.
    expect(isOverdue({ status: "done", reviewDate: "2020-01-01" }, TODAY)).toBe(false);

    expect(Object.fromEntries(await countOpenDecisionNotes(database.db))).toEqual({ "tier/1": 2, "quadrant/low-short": 1 });
    expect(await deleteDecisionNote(late, database.db)).toBe(true);
    expect(await deleteDecisionNote(late, database.db)).toBe(false);
    expect((await countOpenDecisionNotes(database.db)).get("tier/1")).toBe(1);
    expect(await listDecisionNotes({ view: "all", today: TODAY, limit: 2 }, database.db)).toHaveLength(2);
  });

  test("the database refuses a review date that is not an ISO date, and keeps a note when its snapshot is deleted", async () => {
    await expect(database.db.insert(decisionNotes).values({ segmentKind: "tier", segmentKey: "1", tactic: "x", reviewDate: "1 July" })).rejects.toThrow();
    await database.db.delete(decisionNotes);
    await recomputeNow(database, { reason: "second", force: true });
    const newest = (await getCurrentSnapshot(database.db))!;
    expect(newest.id).not.toBe(snapshot.id);
    const id = await createDecisionNote(note({ kind: "tier", tier: 2 }, "Upsell"), { snapshotId: snapshot.id, figures: { customers: 5, predictedClvCents: 100 } }, database.db);
    await database.db.delete(snapshots).where(eq(snapshots.id, snapshot.id));
    const [row] = await listDecisionNotes({ today: TODAY }, database.db);
    expect(row).toMatchObject({ id, snapshotId: null, snapshotAsOfDate: null, customersThen: 5, predictedClvCentsThen: 100 });
  });

  test("today is the UTC calendar date", () => {
    expect(todayIso(new Date("2026-07-01T23:30:00Z"))).toBe("2026-07-01");
  });
});
