import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, test } from "vitest";
import en from "./messages/en";
import nl from "./messages/nl";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}
/** The arguments and tags a message uses (parsed as ICU MessageFormat, as next-intl does; branch texts are not arguments). */
function placeholders(text: string): string[] {
  const found = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.tag) {
        found.add(`<${element.value}>`);
        visit(element.children);
      } else if (element.type === TYPE.select || element.type === TYPE.plural) {
        found.add(element.value);
        for (const option of Object.values(element.options)) visit(option.value);
      } else if (element.type !== TYPE.literal && element.type !== TYPE.pound) {
        found.add(element.value);
      }
    }
  };
  visit(parse(text));
  return [...found].sort();
}
function lookup(messages: unknown, key: string): string {
  return key.split(".").reduce((node: unknown, part) => (node as Record<string, unknown>)[part], messages) as string;
}

/** Messages that are the same word in both languages. */
const SAME_IN_BOTH = new Set(["filters.label", "nav.model", "model.title", "model.comparison.rmse", "audit.table.details", "audit.table.browser", "audit.actions.import"]);

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
