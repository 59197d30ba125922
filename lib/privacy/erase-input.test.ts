import { describe, expect, test } from "vitest";
import { erasedNoticeQuery, parseErasedNotice, parseEraseForm } from "./erase-input";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("the erase form", () => {
  test.each([
    [{ customerId: "42", confirmation: " KB100042 " }, { customerId: 42, confirmation: "KB100042" }],
    [{ customerId: "42", confirmation: "   " }, null],
    [{ customerId: "42" }, null],
    [{ customerId: "0", confirmation: "KB1" }, null],
    [{ customerId: "4.5", confirmation: "KB1" }, null],
    [{ customerId: "abc", confirmation: "KB1" }, null],
  ])("%j → %j", (fields, expected) => {
    expect(parseEraseForm(form(fields))).toEqual(expected);
  });
});

describe("the notice after an erasure", () => {
  test("survives the redirect's query string", () => {
    const notice = { customer: "KB 100042 & co", purchases: 7, attributes: 3, scores: 2 };
    const params = Object.fromEntries(new URLSearchParams(erasedNoticeQuery(notice)));
    expect(parseErasedNotice(params)).toEqual(notice);
  });

  test("is absent without it or when it is malformed", () => {
    expect(parseErasedNotice({})).toBeNull();
    expect(parseErasedNotice({ erased: "KB1", purchases: "-1", attributes: "0", scores: "0" })).toBeNull();
    expect(parseErasedNotice({ erased: ["KB1", "KB2"], purchases: "1", attributes: "0", scores: "0" })).toBeNull();
  });
});
