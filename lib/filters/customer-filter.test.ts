import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  countFilterConditions,
  customerFilterParams,
  filterQueryString,
  isEmptyFilter,
  mergeFilters,
  parseCustomerFilter,
  parseSnapshotParam,
  type CustomerFilter,
} from "./customer-filter";

describe("parseCustomerFilter", () => {
  test("reads every parameter", () => {
    const params = new URLSearchParams(
      "tier=1&rfm=champions&quadrant=high-long&channel=Webshop&country=NL&attr=interest:espresso&attr=note:a:b&from=2024-01-01&to=2024-12-31&q=jansen",
    );
    expect(parseCustomerFilter(params)).toEqual({
      tier: 1,
      segment: "champions",
      quadrant: "high-long",
      channel: "Webshop",
      country: "NL",
      attributes: [
        { key: "interest", value: "espresso" },
        { key: "note", value: "a:b" },
      ],
      acquiredFrom: "2024-01-01",
      acquiredTo: "2024-12-31",
      search: "jansen",
    });
  });

  test("accepts Next.js searchParams objects with repeated values", () => {
    expect(parseCustomerFilter({ tier: ["2", "3"], attr: ["a:1", "b:2"], rfm: undefined })).toEqual({
      tier: 2,
      attributes: [
        { key: "a", value: "1" },
        { key: "b", value: "2" },
      ],
    });
  });

  test("drops what does not parse instead of failing", () => {
    const params = new URLSearchParams("tier=0&rfm=kings&quadrant=middle&from=2024-02-30&to=yesterday&attr=nocolon&attr=:x&attr=k:&q=%20%20&channel=");
    expect(parseCustomerFilter(params)).toEqual({});
  });

  test("reads attribute fields as the filter form sends them without JavaScript", () => {
    expect(parseCustomerFilter(new URLSearchParams("attr:interest=espresso&attr:newsletter=&tier=&attr=age:55-64"))).toEqual({
      attributes: [
        { key: "age", value: "55-64" },
        { key: "interest", value: "espresso" },
      ],
    });
    expect(parseCustomerFilter({ "attr:loyalty_member": "yes" })).toEqual({ attributes: [{ key: "loyalty_member", value: "yes" }] });
  });

  test("keeps SQL-looking text as plain text (the query builder parameterises it)", () => {
    expect(parseCustomerFilter(new URLSearchParams("q=' OR 1=1 --")).search).toBe("' OR 1=1 --");
  });

  test("caps long values", () => {
    expect(parseCustomerFilter(new URLSearchParams(`q=${"x".repeat(5000)}`)).search).toHaveLength(200);
  });
});

describe("writing the filter back", () => {
  test("round-trips any filter through the URL", () => {
    const text = fc.string({ minLength: 1, maxLength: 20 }).filter((value) => value.trim() === value && value.length > 0);
    fc.assert(
      fc.property(
        fc.record(
          {
            tier: fc.integer({ min: 1, max: 10 }),
            segment: fc.constantFrom("champions", "lost", "at-risk" as const),
            quadrant: fc.constantFrom("high-long", "low-short" as const),
            channel: text,
            country: text,
            attributes: fc.array(fc.record({ key: text.filter((key) => !key.includes(":")), value: text }), { minLength: 1, maxLength: 3 }),
            acquiredFrom: fc.constant("2024-01-31"),
            search: text,
          },
          { requiredKeys: [] },
        ),
        (filter) => {
          expect(parseCustomerFilter(customerFilterParams(filter as CustomerFilter))).toEqual(filter);
        },
      ),
    );
  });

  test("an empty filter is an empty query string", () => {
    expect(filterQueryString({})).toBe("");
    expect(isEmptyFilter({})).toBe(true);
    expect(filterQueryString({ tier: 1 }, { snapshot: 4, page: undefined })).toBe("?tier=1&snapshot=4");
  });

  test("counts and merges conditions", () => {
    const base: CustomerFilter = { channel: "Webshop", attributes: [{ key: "a", value: "1" }] };
    const merged = mergeFilters(base, { quadrant: "high-long", attributes: [{ key: "b", value: "2" }] });
    expect(merged).toEqual({ channel: "Webshop", quadrant: "high-long", attributes: [{ key: "a", value: "1" }, { key: "b", value: "2" }] });
    expect(countFilterConditions(merged)).toBe(4);
  });
});

test("parseSnapshotParam accepts positive ids only", () => {
  expect(parseSnapshotParam({ snapshot: "12" })).toBe(12);
  expect(parseSnapshotParam({ snapshot: "-1" })).toBeUndefined();
  expect(parseSnapshotParam({ snapshot: "1.5" })).toBeUndefined();
  expect(parseSnapshotParam({})).toBeUndefined();
});
