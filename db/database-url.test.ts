import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_PATH } from "./client";
import { parseDatabaseUrl, redactDatabaseUrl } from "./database-url";

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
}

describe("parseDatabaseUrl: SQLite", () => {
  it.each([
    [undefined, path.resolve(DEFAULT_DATABASE_PATH)],
    ["", path.resolve(DEFAULT_DATABASE_PATH)],
    ["./data/shop.db", path.resolve("data/shop.db")],
    ["file:./data/shop.db", path.resolve("data/shop.db")],
    ["file:///tmp/shop.db", "/tmp/shop.db"],
    [":memory:", ":memory:"],
  ])("%s is the SQLite file %s", (value, expected) => {
    expect(parseDatabaseUrl(value)).toEqual({ engine: "sqlite", path: expected });
  });

  it("refuses another kind of server without printing its password", () => {
    const message = messageOf(() => parseDatabaseUrl("mysql://shop:hunter2@db.example.nl/crm"));
    expect(message).toContain("mysql://shop:***@db.example.nl/crm");
    expect(message).toContain("postgres://user:password@host:5432/database");
    expect(message).not.toContain("hunter2");
  });
});

describe("parseDatabaseUrl: PostgreSQL", () => {
  it("reads host, port, database, user and the default schema", () => {
    const target = parseDatabaseUrl("postgres://shop:hunter2@db.example.nl:6543/crm");
    expect(target).toEqual({
      engine: "postgres",
      connectionString: "postgres://shop:hunter2@db.example.nl:6543/crm",
      host: "db.example.nl",
      port: 6543,
      database: "crm",
      user: "shop",
      schema: "klantwaarde",
      server: "db.example.nl:6543/crm",
    });
  });

  it("accepts postgresql://, the default port and a database named like the user", () => {
    const target = parseDatabaseUrl("postgresql://marketing@localhost");
    expect(target).toMatchObject({ engine: "postgres", host: "localhost", port: 5432, database: "marketing", user: "marketing" });
  });

  it("takes the schema from ?schema= and leaves it out of what the driver gets, keeping other parameters", () => {
    const target = parseDatabaseUrl("postgres://shop:pw@db.example.nl/crm?sslmode=require&schema=klantwaarde_test");
    expect(target).toMatchObject({ schema: "klantwaarde_test" });
    if (target.engine !== "postgres") throw new Error("expected PostgreSQL");
    expect(target.connectionString).toBe("postgres://shop:pw@db.example.nl/crm?sslmode=require");
  });

  it("decodes a percent-encoded password into the connection string only", () => {
    const target = parseDatabaseUrl("postgres://shop:p%40ss%2Fw0rd@db.example.nl/crm");
    if (target.engine !== "postgres") throw new Error("expected PostgreSQL");
    expect(target.server).toBe("db.example.nl:5432/crm");
    expect(JSON.stringify({ ...target, connectionString: "" })).not.toContain("p%40ss");
  });

  it("reads a Unix socket folder given as ?host=", () => {
    expect(parseDatabaseUrl("postgres:///crm?host=/var/run/postgresql")).toMatchObject({
      host: "/var/run/postgresql",
      database: "crm",
      server: "/var/run/postgresql:5432/crm",
    });
  });

  it.each([
    ["postgres://shop:hunter2@db.example.nl/crm?schema=Klant-Waarde", "Klant-Waarde", "db.example.nl:5432/crm"],
    ["postgres://shop:hunter2@db.example.nl/crm?schema=1st", "1st", "db.example.nl:5432/crm"],
  ])("refuses the schema name in %s, naming the host but not the password", (value, schema, server) => {
    const message = messageOf(() => parseDatabaseUrl(value));
    expect(message).toContain(`"${schema}"`);
    expect(message).toContain(server);
    expect(message).not.toContain("hunter2");
  });

  it("refuses a URL that cannot be read without printing the password", () => {
    const message = messageOf(() => parseDatabaseUrl("postgres://shop:hunter2@db.example.nl:99999/crm"));
    expect(message).toContain("postgres://shop:***@db.example.nl:99999/crm");
    expect(message).toContain("percent-encoded");
    expect(message).not.toContain("hunter2");
  });
});

describe("redactDatabaseUrl", () => {
  it.each([
    ["postgres://a:b@h/d", "postgres://a:***@h/d"],
    ["postgres://a@h/d", "postgres://a@h/d"],
    ["postgres://h/d", "postgres://h/d"],
    ["./data/klantwaarde.db", "./data/klantwaarde.db"],
  ])("%s -> %s", (value, expected) => {
    expect(redactDatabaseUrl(value)).toBe(expected);
  });
});
