import { describe, expect, test } from "vitest";
import { AUDIT_ACTIONS, changedFields, commandLineActor, isAuditAction, userActor } from "./events";

describe("audit actors", () => {
  test("a signed-in user is named by e-mail address, with id and role", () => {
    expect(userActor({ id: "u1", email: "ada@example.com", role: "analyst" })).toEqual({ label: "ada@example.com", userId: "u1", role: "analyst", source: "browser" });
  });

  test("the command line is named by the login, or 'unknown'", () => {
    expect(commandLineActor("beheer")).toEqual({ label: "command line (beheer)", userId: null, role: null, source: "cli" });
    expect(commandLineActor("  ").label).toBe("command line (unknown)");
  });
});

describe("changedFields", () => {
  test("lists exactly the fields whose values differ, before and after", () => {
    const before = { horizonMonths: 12, tiers: [{ name: "A", percent: 20 }], model: "bgnbd", analysisDate: null };
    const after = { horizonMonths: 6, tiers: [{ name: "A", percent: 20 }], model: "bgnbd", analysisDate: "2026-01-31" };
    expect(changedFields(before, after)).toEqual({ horizonMonths: [12, 6], analysisDate: [null, "2026-01-31"] });
  });

  test("nested changes count, fields that appear or disappear too", () => {
    expect(changedFields({ tiers: [{ percent: 20 }], old: 1 }, { tiers: [{ percent: 30 }], added: true })).toEqual({
      tiers: [[{ percent: 20 }], [{ percent: 30 }]],
      old: [1, null],
      added: [null, true],
    });
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual({});
  });
});

test("isAuditAction knows exactly the recorded actions", () => {
  expect(AUDIT_ACTIONS.every(isAuditAction)).toBe(true);
  expect(isAuditAction("dropTables")).toBe(false);
  expect(isAuditAction(undefined)).toBe(false);
});
