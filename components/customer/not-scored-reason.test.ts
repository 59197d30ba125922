import { describe, expect, test } from "vitest";
import { notScoredReason } from "./not-scored-reason";

describe("notScoredReason", () => {
  test.each([
    [[], "noTransactions"],
    [[{ date: "2025-01-01", kind: "refund" }], "refundsOnly"],
    [[{ date: "2025-01-01", kind: "refund" }, { date: "2026-03-01", kind: "purchase" }], "refundsOnly"],
    [[{ date: "2026-03-01", kind: "purchase" }], "afterAsOf"],
    [[{ date: "2026-03-01", kind: "refund" }], "refundsOnly"],
    [[{ date: "2026-01-01", kind: "purchase" }], "new"],
  ] as const)("%j → %s", (days, reason) => {
    expect(notScoredReason(days, "2026-02-14")).toBe(reason);
  });

  test("a customer whose every order was refunded in full has transactions but no purchase day", () => {
    expect(notScoredReason([], "2026-02-14", 2)).toBe("refundedInFullOnly");
    expect(notScoredReason([], "2026-02-14", 0)).toBe("noTransactions");
  });
});
