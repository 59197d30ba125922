import { describe, expect, test } from "vitest";
import { LIMITS, parseNoteForm, parseNoteId, parseStatus } from "./note-input";

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
}

const valid = { segmentKind: "rfm", segmentKey: "at-risk", tactic: "  Call every customer personally  ", owner: "Sanne", target: "Move 10% to Loyal", reviewDate: "2026-09-30" };

describe("parseNoteForm", () => {
  test("reads a complete note, trimmed", () => {
    expect(parseNoteForm(form(valid), 4)).toEqual({
      ok: true,
      value: { segment: { kind: "rfm", segment: "at-risk" }, tactic: "Call every customer personally", owner: "Sanne", target: "Move 10% to Loyal", reviewDate: "2026-09-30" },
    });
  });

  test("owner, target and review date may be left empty", () => {
    const parsed = parseNoteForm(form({ segmentKind: "cell", segmentKey: "1.champions", tactic: "Keep them", owner: " ", target: "", reviewDate: "" }), 4);
    expect(parsed).toEqual({ ok: true, value: { segment: { kind: "cell", tier: 1, segment: "champions" }, tactic: "Keep them", owner: null, target: null, reviewDate: null } });
  });

  test.each([
    [{ tactic: "" }, "tactic", "tacticRequired"],
    [{ tactic: "   \n " }, "tactic", "tacticRequired"],
    [{ tactic: "x".repeat(LIMITS.tactic + 1) }, "tactic", "tacticLong"],
    [{ owner: "x".repeat(LIMITS.owner + 1) }, "owner", "ownerLong"],
    [{ target: "x".repeat(LIMITS.target + 1) }, "target", "targetLong"],
    [{ reviewDate: "30-09-2026" }, "reviewDate", "reviewDateFormat"],
    [{ reviewDate: "2026-02-30" }, "reviewDate", "reviewDateFormat"],
    [{ reviewDate: "2026-13-01" }, "reviewDate", "reviewDateFormat"],
    [{ reviewDate: "1999-12-31" }, "reviewDate", "reviewDateRange"],
    [{ reviewDate: "2100-01-01" }, "reviewDate", "reviewDateRange"],
    [{ segmentKind: "tier", segmentKey: "5" }, "segment", "segmentUnknown"],
    [{ segmentKind: "tier", segmentKey: "0" }, "segment", "segmentUnknown"],
    [{ segmentKind: "rfm", segmentKey: "<script>" }, "segment", "segmentUnknown"],
    [{ segmentKind: "customer", segmentKey: "1" }, "segment", "segmentUnknown"],
    [{ segmentKind: "cell", segmentKey: "1.nobody" }, "segment", "segmentUnknown"],
  ])("rejects %o: %s is %s", (change, field, message) => {
    const parsed = parseNoteForm(form({ ...valid, ...change }), 4);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual({ [field]: [message] });
  });

  test("a leap day is a date, in a leap year only", () => {
    expect(parseNoteForm(form({ ...valid, reviewDate: "2028-02-29" }), 4).ok).toBe(true);
    expect(parseNoteForm(form({ ...valid, reviewDate: "2027-02-29" }), 4).ok).toBe(false);
  });

  test("reports every wrong field at once, one message each", () => {
    const parsed = parseNoteForm(form({ segmentKind: "tier", segmentKey: "9", tactic: "", reviewDate: "soon" }), 4);
    expect(parsed).toEqual({ ok: false, errors: { segment: ["segmentUnknown"], tactic: ["tacticRequired"], reviewDate: ["reviewDateFormat"] } });
  });

  test("missing fields are empty, not a crash", () => {
    expect(parseNoteForm(new FormData(), 4)).toEqual({ ok: false, errors: { segment: ["segmentUnknown"], tactic: ["tacticRequired"] } });
  });
});

describe("parseNoteId and parseStatus", () => {
  test.each([
    ["12", 12],
    ["0", null],
    ["-3", null],
    ["1.5", null],
    ["abc", null],
    ["", null],
    ["99999999999999999999", null],
  ])("id %s is %s", (value, expected) => {
    expect(parseNoteId(form({ id: value }))).toBe(expected);
  });
  test("only the three statuses", () => {
    expect(parseStatus(form({ status: "done" }))).toBe("done");
    expect(parseStatus(form({ status: "dropped" }))).toBe("dropped");
    expect(parseStatus(form({ status: "open" }))).toBe("open");
    expect(parseStatus(form({ status: "deleted" }))).toBeNull();
    expect(parseStatus(new FormData())).toBeNull();
  });
});
