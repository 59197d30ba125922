import { describe, expect, test } from "vitest";
import { checkHeader, findColumn, parseMappingOption, resolveMapping, suggestMapping } from "./column-mapping";
import { normaliseHeader } from "./fields";

describe("normaliseHeader", () => {
  test.each([
    ["E-mail adres", "emailadres"],
    [" Klant_Nummer ", "klantnummer"],
    ["Catégorie", "categorie"],
    ["Bedrag (incl. BTW) €", "bedraginclbtw"],
    ["order-date", "orderdate"],
  ])("%s → %s", (name, normalised) => {
    expect(normaliseHeader(name)).toBe(normalised);
  });
});

describe("suggestMapping for transactions", () => {
  test.each([
    [["klantnummer", "datum", "bedrag"], { customer: 0, date: 1, amount: 2 }],
    [["Klant_ID", "Orderdatum", "Omzet", "Kostprijs", "Ordernummer", "Aantal", "Kanaal", "Productgroep"], { customer: 0, date: 1, amount: 2, cost: 3, order: 4, quantity: 5, channel: 6, category: 7 }],
    [["Debiteurnummer", "Factuurdatum", "Factuurnummer", "Bedrag incl"], { customer: 0, date: 1, order: 2, amount: 3 }],
    [["customer_id", "order_date", "revenue", "cost", "invoice", "qty", "channel", "category"], { customer: 0, date: 1, amount: 2, cost: 3, order: 4, quantity: 5, channel: 6, category: 7 }],
    [["Customer", "Date", "Total"], { customer: 0, date: 1, amount: 2 }],
    [["KLANTNR", "Datum", "Bedrag (incl. BTW)"], { customer: 0, date: 1, amount: 2 }],
    [["klantnr", "datum", "Totaal incl. verzendkosten"], { customer: 0, date: 1, amount: 2 }],
    [["klantnummer", "klantnaam", "datum", "bedrag"], { customer: 0, date: 2, amount: 3 }],
  ])("%j", (header, mapping) => {
    expect(suggestMapping(header, "transactions").mapping).toEqual(mapping);
  });

  test("known names are exact, names that contain a known word are partial", () => {
    expect(suggestMapping(["klantnummer", "Bedrag incl. verzending", "datum"], "transactions").quality).toEqual({
      customer: "exact",
      date: "exact",
      amount: "partial",
    });
  });

  test("each column is used once", () => {
    const { mapping } = suggestMapping(["kanaal"], "transactions");
    expect(mapping).toEqual({ channel: 0 });
  });
});

describe("suggestMapping for customers", () => {
  test("Dutch CRM export", () => {
    const header = ["Klantnummer", "Naam", "E-mail", "Land", "Woonplaats", "Acquisitiekanaal", "Klant sinds", "Nieuwsbrief"];
    expect(suggestMapping(header, "customers").mapping).toEqual({ customer: 0, name: 1, email: 2, country: 3, city: 4, channel: 5, firstSeen: 6 });
  });

  test("English export", () => {
    const header = ["customer_id", "name", "email", "country", "city", "acquisition channel", "first seen"];
    expect(suggestMapping(header, "customers").mapping).toEqual({ customer: 0, name: 1, email: 2, country: 3, city: 4, channel: 5, firstSeen: 6 });
  });
});

describe("checkHeader", () => {
  test("duplicated header names are an error naming the columns", () => {
    expect(checkHeader(["klant", "bedrag", "Bedrag "])).toEqual([
      {
        severity: "error",
        code: "duplicate-header",
        line: 1,
        message: "The column name 'Bedrag' appears more than once (columns 2 and 3). Rename one of them so each column has its own name.",
      },
    ]);
  });

  test("an unnamed column in the middle is a warning; empty columns at the end are Excel padding", () => {
    expect(checkHeader(["klant", "", "bedrag"])).toMatchObject([{ severity: "warning", code: "unnamed-column" }]);
    expect(checkHeader(["klant", "bedrag", "", ""])).toEqual([]);
  });
});

describe("resolveMapping", () => {
  test("missing required columns are an error naming them and the columns found", () => {
    const { problems } = resolveMapping(["Omschrijving", "Bedrag"], "transactions");
    expect(problems).toEqual([
      {
        severity: "error",
        code: "missing-column",
        line: 1,
        message:
          "No column found for the customer number (a column such as klantnummer or klantnr), nor for the purchase date (a column such as datum or orderdatum). Columns found: 'Omschrijving', 'Bedrag'. Choose the right column in the mapping, or rename it in the file.",
      },
    ]);
  });

  test("the user's choices by name or index replace suggestions", () => {
    const header = ["klantnummer", "datum", "bedrag excl", "bedrag incl"];
    expect(resolveMapping(header, "transactions", { amount: "bedrag incl" }).mapping).toEqual({ customer: 0, date: 1, amount: 3 });
    expect(resolveMapping(header, "transactions", { amount: 2 }).mapping).toEqual({ customer: 0, date: 1, amount: 2 });
  });

  test("choosing a column that a suggestion used takes it away from the suggestion", () => {
    const { mapping, problems } = resolveMapping(["klant", "datum", "omzet", "kosten"], "transactions", { amount: "kosten" });
    expect(mapping).toEqual({ customer: 0, date: 1, amount: 3 });
    expect(problems).toEqual([]);
  });

  test("the same column chosen for two fields is an error", () => {
    const { problems } = resolveMapping(["klant", "datum", "omzet"], "transactions", { amount: "omzet", cost: "omzet" });
    expect(problems[0]!.message).toBe("The column 'omzet' is chosen for both the amount and the cost. Choose a different column for one of them.");
  });

  test("a chosen column that is not in the file is an error", () => {
    const { problems } = resolveMapping(["klant", "datum", "omzet"], "transactions", { amount: "bedragg" });
    expect(problems[0]!.message).toBe("The column 'bedragg' chosen for the amount is not in the file. Columns found: 'klant', 'datum', 'omzet'.");
  });

  test("null means the file has no such column", () => {
    expect(resolveMapping(["klant", "datum", "omzet", "kanaal"], "transactions", { channel: null }).mapping).toEqual({ customer: 0, date: 1, amount: 2 });
  });
});

describe("parseMappingOption", () => {
  test("reads the command line's --map", () => {
    expect(parseMappingOption("date=datum,amount=bedrag,customer=klantnummer", "transactions")).toEqual({
      date: "datum",
      amount: "bedrag",
      customer: "klantnummer",
    });
  });

  test("accepts loose field names and empty choices", () => {
    expect(parseMappingOption("revenue=Omzet, qty=Aantal,channel=", "transactions")).toEqual({ amount: "Omzet", quantity: "Aantal", channel: null });
  });

  test("first_seen is a customers field", () => {
    expect(parseMappingOption("first_seen=Klant sinds,acquisition_channel=", "customers")).toEqual({ firstSeen: "Klant sinds", channel: null });
  });

  test("unknown fields are an error listing the fields", () => {
    expect(() => parseMappingOption("colour=kleur", "transactions")).toThrow(
      "Unknown field 'colour' in --map. Fields of a transactions file: customer, date, amount, cost, order, quantity, channel, category, status, refund.",
    );
    expect(() => parseMappingOption("amount", "transactions")).toThrow(/field=column/);
  });
});

test.each([
  ["Bedrag", 1],
  ["bedrag", 1],
  ["BEDRAG ", 1],
  ["be-drag", 1],
  ["prijs", null],
])("findColumn(%s)", (name, column) => {
  expect(findColumn(["klant", "Bedrag"], name)).toBe(column);
});
