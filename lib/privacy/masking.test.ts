import { describe, expect, test } from "vitest";
import { maskCustomer, maskCustomers, maskFilter, seesPersonalData, type PersonalDataAudience } from "./masking";

describe("who sees names and e-mail addresses", () => {
  test.each<[string | null, PersonalDataAudience, boolean]>([
    ["viewer", "everyone", true],
    ["analyst", "everyone", true],
    ["admin", "everyone", true],
    ["viewer", "analysts", false],
    ["analyst", "analysts", true],
    ["admin", "analysts", true],
    ["viewer", "admins", false],
    ["analyst", "admins", false],
    ["admin", "admins", true],
    // No user or a role edited by hand: only when everyone sees them.
    [null, "everyone", true],
    [null, "analysts", false],
    ["owner", "analysts", false],
    ["owner", "admins", false],
  ])("%s under %s: %s", (role, audience, expected) => {
    expect(seesPersonalData(role, audience)).toBe(expected);
  });
});

describe("masking a row", () => {
  const row = { customerId: 7, externalId: "K-0007", name: "Anna de Vries", email: "anna@example.nl", country: "NL" };

  test("hidden: name and e-mail address are null, everything else stays; the row itself is not changed", () => {
    expect(maskCustomer(row, false)).toEqual({ customerId: 7, externalId: "K-0007", name: null, email: null, country: "NL" });
    expect(row.name).toBe("Anna de Vries");
  });

  test("visible: the same row", () => {
    expect(maskCustomer(row, true)).toBe(row);
  });

  test("a row without an e-mail field gets none", () => {
    expect(maskCustomer({ name: "Anna", externalId: "K-1" }, false)).toEqual({ name: null, externalId: "K-1" });
  });

  test("every row of a list", () => {
    expect(maskCustomers([row, { ...row, customerId: 8 }], false).map((one) => [one.name, one.email])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});

describe("masking a filter", () => {
  test("a hidden reader's search is by customer number only; the rest of the filter stays", () => {
    expect(maskFilter({ tier: 1, search: "jansen" }, false)).toEqual({ tier: 1, search: "jansen", searchNumbersOnly: true });
  });
  test("nothing to change without a search, or for a reader who sees names", () => {
    expect(maskFilter({ tier: 1 }, false)).toEqual({ tier: 1 });
    expect(maskFilter({ search: "jansen" }, true)).toEqual({ search: "jansen" });
  });
});
