import { expect, test } from "vitest";
import { createRowReader } from "@/lib/import/row-reader";
import { packOutcomes, unpackOutcomes } from "./packed-rows";

const utf8 = (text: string) => new TextEncoder().encode(text);

test.each([
  ["transactions", "klant;datum;bedrag;order;kanaal;notitie\nK1;15-01-2026;10,00;A1;Webshop;\nK2;31-02-2026;1,00;;;x\nK3;16-01-2026;-2,50;;;Cadeau 🎁\n;;;;;\nK4;17-01-2026;abc;A4;App;\n"],
  ["customers", "klantnummer;naam;woonplaats;tevredenheid\nK1;Anna;Delft;9\n;Zonder nummer;Gouda;6\n"],
] as const)("packed %s outcomes come back equal, in file order", (kind, text) => {
  const reader = createRowReader({ kind, today: "2026-11-23", delimiter: ";", decimal: ",", dateFormat: "DD-MM-YYYY" });
  const outcomes = [...reader.push(utf8(text)), ...reader.end()];
  expect(outcomes.some((outcome) => outcome.ok)).toBe(true);
  expect(outcomes.some((outcome) => !outcome.ok)).toBe(true);
  expect(unpackOutcomes(packOutcomes(kind, outcomes))).toEqual(outcomes);
  expect(unpackOutcomes(packOutcomes(kind, []))).toEqual([]);
});
