import { describe, expect, test } from "vitest";
import { lastPage, pageRange, parseTableState, sortHref, tableHref } from "./table-params";

describe("parseTableState", () => {
  test("defaults: predicted CLV, highest first, page 1", () => {
    expect(parseTableState({})).toEqual({ sort: "predicted", dir: "desc", page: 1 });
  });
  test("reads sort, direction and page", () => {
    expect(parseTableState(new URLSearchParams("sort=name&dir=desc&page=3"))).toEqual({ sort: "name", dir: "desc", page: 3 });
    expect(parseTableState(new URLSearchParams("sort=name"))).toEqual({ sort: "name", dir: "asc", page: 1 });
  });
  test("ignores what does not parse", () => {
    expect(parseTableState(new URLSearchParams("sort=password&dir=up&page=-2"))).toEqual({ sort: "predicted", dir: "desc", page: 1 });
    expect(parseTableState(new URLSearchParams("page=2.5")).page).toBe(1);
    expect(parseTableState(new URLSearchParams("page=1e9")).page).toBe(100_000);
  });
});

describe("paging", () => {
  test("last page and the rows of a page", () => {
    expect(lastPage(0)).toBe(1);
    expect(lastPage(50)).toBe(1);
    expect(lastPage(51)).toBe(2);
    expect(pageRange(1, 1234)).toEqual({ from: 1, to: 50 });
    expect(pageRange(25, 1234)).toEqual({ from: 1201, to: 1234 });
    expect(pageRange(1, 0)).toEqual({ from: 1, to: 0 });
  });
});

describe("links", () => {
  const current = new URLSearchParams("tier=1&q=jansen&page=4&snapshot=7");
  test("a column header keeps the filter and snapshot, starts at page 1, and flips the direction of the sorted column", () => {
    const state = { sort: "predicted", dir: "desc", page: 4 } as const;
    expect(sortHref("/customers", current, state, "predicted")).toBe("/customers?tier=1&q=jansen&snapshot=7&dir=asc");
    expect(sortHref("/customers", current, state, "name")).toBe("/customers?tier=1&q=jansen&snapshot=7&sort=name");
    expect(sortHref("/customers", current, { sort: "name", dir: "asc", page: 1 }, "name")).toBe("/customers?tier=1&q=jansen&snapshot=7&sort=name&dir=desc");
  });
  test("a page link", () => {
    expect(tableHref("/customers", current, { page: 5 })).toBe("/customers?tier=1&q=jansen&page=5&snapshot=7");
    expect(tableHref("/customers", new URLSearchParams(""), { page: 1 })).toBe("/customers");
  });
});
