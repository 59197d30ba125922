import { describe, expect, it } from "vitest";
import { readPostgresMigrations, unknownMigrations } from "./known-migrations";

describe("unknownMigrations", () => {
  it.each([
    [[], ["a1"], 0],
    [["a1"], ["a1", "b2"], 0],
    [["a1", "b2"], ["a1", "b2"], 0],
    [["a1", "zz"], ["a1", "b2"], 1],
    [["x", "y"], ["a1"], 2],
  ])("applied %j, known %j: %i unknown", (applied, known, expected) => {
    expect(unknownMigrations(applied, known)).toBe(expected);
  });

  it("reads this version's migrations with a hash each", () => {
    const migrations = readPostgresMigrations();
    expect(migrations.length).toBeGreaterThanOrEqual(1);
    for (const migration of migrations) expect(migration.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
