import { describe, expect, test } from "vitest";
import { createCustomerValidator } from "./customer-row";

const header = ["Klantnummer", "Naam", "E-mail", "Plaats", "Klant sinds", "Nieuwsbrief", "", "line in original file", "problem"];
const validate = createCustomerValidator({
  header,
  mapping: { customer: 0, name: 1, email: 2, city: 3, firstSeen: 4 },
  formats: { decimal: ",", dateFormat: "DD-MM-YYYY", today: "2026-11-23" },
  delimiter: ";",
});

describe("createCustomerValidator", () => {
  test("mapped columns become fields, other named columns soft attributes", () => {
    expect(validate({ line: 2, cells: ["K1", "José Smit", "jose@example.nl", "Zoetermeer", "01-03-2021", "ja", "x", "4", "old reason"] })).toEqual({
      ok: true,
      row: {
        line: 2,
        customerId: "K1",
        name: "José Smit",
        email: "jose@example.nl",
        country: null,
        city: "Zoetermeer",
        acquisitionChannel: null,
        firstSeenDate: "2021-03-01",
        attributes: { Nieuwsbrief: "ja" },
      },
    });
  });

  test("empty attributes are left out", () => {
    const outcome = validate({ line: 3, cells: ["K2", "", "", "", "", ""] });
    expect(outcome).toMatchObject({ ok: true, row: { name: null, firstSeenDate: null, attributes: {} } });
  });

  test("an empty customer number is rejected", () => {
    expect(validate({ line: 4, cells: ["", "Piet"] })).toEqual({
      ok: false,
      line: 4,
      cells: ["", "Piet"],
      errors: [{ line: 4, column: "Klantnummer", value: "", reason: "customer number is empty: every customer needs a number" }],
    });
  });

  test("a bad or future first purchase date is rejected", () => {
    expect(validate({ line: 5, cells: ["K3", "", "", "", "31-06-2020"] })).toMatchObject({
      ok: false,
      errors: [{ column: "Klant sinds", reason: "first purchase date '31-06-2020' does not exist: June 2020 has 30 days" }],
    });
    expect(validate({ line: 6, cells: ["K3", "", "", "", "24-11-2026"] })).toMatchObject({
      ok: false,
      errors: [{ reason: "first purchase date '24-11-2026' is in the future (today is 2026-11-23): check the date" }],
    });
  });

  test("formula-looking names stay text", () => {
    expect(validate({ line: 7, cells: ["K4", "=cmd|' /C calc'!A0"] })).toMatchObject({ ok: true, row: { name: "=cmd|' /C calc'!A0" } });
  });

  test("a column named __proto__ is an ordinary attribute", () => {
    const odd = createCustomerValidator({ header: ["klant", "__proto__"], mapping: { customer: 0 }, formats: { decimal: ",", dateFormat: null, today: "2026-11-23" } });
    const outcome = odd({ line: 2, cells: ["K1", "x"] });
    expect(outcome.ok && Object.entries(outcome.row.attributes)).toEqual([["__proto__", "x"]]);
  });
});
