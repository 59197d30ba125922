import { describe, expect, it } from "vitest";
import { assertSupportedServerVersion } from "./server-version";

describe("assertSupportedServerVersion", () => {
  it.each([
    [90624, "9.6.24"],
    [140009, "14.9"],
    [149999, "14.99"],
    [Number.NaN, "unknown"],
  ])("refuses %s (%s), naming the server, its version and the fix", (versionNum, versionText) => {
    expect(() => assertSupportedServerVersion(versionNum, versionText, "db.example.nl:5432/crm")).toThrow(
      `PostgreSQL at db.example.nl:5432/crm is version ${versionText}; Klantwaarde needs PostgreSQL 15 or newer. ` +
        "Upgrade the server, or point DATABASE_URL to a PostgreSQL 15+ server.",
    );
  });

  it.each([150000, 150018, 160004, 170002])("accepts %s", (versionNum) => {
    expect(() => assertSupportedServerVersion(versionNum, "", "db.example.nl:5432/crm")).not.toThrow();
  });
});
