import { expect, test } from "vitest";
import { createRowReader } from "@/lib/import/read/row-reader";
import type { RowOutcome } from "@/lib/import/read/row-outcome";
import { packedOutcomes, packOutcomes, type PackedOutcomes } from "./packed-rows";

/** Copies of the outcomes (a valid row is one reused object while iterating). */
const readBack = (packed: PackedOutcomes) => Array.from(packedOutcomes(packed), (outcome: RowOutcome<unknown>) => (outcome.ok ? { ok: true, row: { ...(outcome.row as object) } } : outcome));

const utf8 = (text: string) => new TextEncoder().encode(text);

test.each([
  ["transactions", "klant;datum;bedrag;order;kanaal;notitie\nK1;15-01-2026;10,00;A1;Webshop;\nK2;31-02-2026;1,00;;;x\nK3;16-01-2026;-2,50;;;Cadeau 🎁\n;;;;;\nK4;17-01-2026;abc;A4;App;\n"],
  ["customers", "klantnummer;naam;woonplaats;tevredenheid\nK1;Anna;Delft;9\n;Zonder nummer;Gouda;6\n"],
] as const)("packed %s outcomes come back equal, in file order", (kind, text) => {
  const reader = createRowReader({ kind, today: "2026-11-23", delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" });
  const outcomes = [...reader.push(utf8(text)), ...reader.end()];
  expect(outcomes.some((outcome) => outcome.ok)).toBe(true);
  expect(outcomes.some((outcome) => !outcome.ok)).toBe(true);
  expect(readBack(packOutcomes(kind, outcomes))).toEqual(outcomes);
  expect(readBack(packOutcomes(kind, []))).toEqual([]);
});

test("a valid transaction row is one object refilled for each row, not an object per row", () => {
  const reader = createRowReader({ kind: "transactions", today: "2026-11-23", delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" });
  const outcomes = [...reader.push(utf8("klant;datum;bedrag\nK1;15-01-2026;10,00\nK2;16-01-2026;20,00\n")), ...reader.end()];
  const seen: { row: unknown; customerId: string }[] = [];
  for (const outcome of packedOutcomes<"transactions">(packOutcomes("transactions", outcomes))) {
    if (outcome.ok) seen.push({ row: outcome.row, customerId: outcome.row.customerId });
  }
  expect(seen.map((entry) => entry.customerId)).toEqual(["K1", "K2"]);
  expect(seen[0]!.row).toBe(seen[1]!.row);
});

test("an order that is no purchase travels with its status, between purchases, in file order", () => {
  const reader = createRowReader({ kind: "transactions", today: "2026-11-23", delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" });
  const outcomes = [...reader.push(utf8("klant;datum;bedrag;order\nK1;15-01-2026;10,00;A1\nK2;16-01-2026;20,00;A2\nK3;17-01-2026;30,00;A3\n")), ...reader.end()];
  const withdrawn = outcomes.map((outcome, at) => (outcome.ok && at === 1 ? { ok: true as const, row: { ...outcome.row, noPurchase: "Refunded" } } : outcome));
  const back = readBack(packOutcomes("transactions", withdrawn));
  expect(back).toEqual(withdrawn);
  expect(back.map((outcome) => (outcome.ok ? (outcome.row as { noPurchase?: string }).noPurchase : "rejected"))).toEqual([undefined, "Refunded", undefined]);
});

test("what was refunded on an order travels packed: a partial refund and an order refunded in full", () => {
  const reader = createRowReader({ kind: "transactions", today: "2026-11-23", delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" });
  const outcomes = [...reader.push(utf8("klant;datum;bedrag;order\nK1;15-01-2026;10,00;A1\nK2;16-01-2026;20,00;A2\nK3;17-01-2026;30,00;A3\n")), ...reader.end()];
  const refunded = outcomes.map((outcome, at) =>
    outcome.ok && at > 0 ? { ok: true as const, row: { ...outcome.row, revenueCents: at === 1 ? 1500 : 0, refundedCents: at === 1 ? 500 : 3000 } } : outcome,
  );
  const back = readBack(packOutcomes("transactions", refunded));
  expect(back).toEqual(refunded);
  expect(back.map((outcome) => (outcome.ok ? (outcome.row as { refundedCents?: number }).refundedCents : "rejected"))).toEqual([undefined, 500, 3000]);
});
