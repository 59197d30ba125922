import { describe, expect, test } from "vitest";
import en from "./messages/en";
import nl from "./messages/nl";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)|<(\w+)>/g)].map((match) => match[1] ?? `<${match[2]}>`).sort();
}
function lookup(messages: unknown, key: string): string {
  return key.split(".").reduce((node: unknown, part) => (node as Record<string, unknown>)[part], messages) as string;
}

/** Messages that are the same word in both languages. */
const SAME_IN_BOTH = new Set(["filters.label", "nav.model", "model.title", "model.comparison.rmse"]);

describe("message catalogues", () => {
  test("Dutch has exactly the English keys", () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
  });
  test.each(keys(en))("%s uses the same placeholders in both languages", (key) => {
    expect(placeholders(lookup(nl, key))).toEqual(placeholders(lookup(en, key)));
  });
  test("no Dutch message is left in English", () => {
    const same = keys(en).filter((key) => !SAME_IN_BOTH.has(key) && lookup(en, key) === lookup(nl, key) && /[a-z]{4,}/i.test(lookup(en, key).replace(/\{\w+\}/g, "")));
    expect(same).toEqual([]);
  });
});
