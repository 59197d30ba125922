import { describe, expect, it } from "vitest";
import { parseDatabaseUrl, type PostgresTarget } from "../database-url";
import { connectionStartupError, withoutPassword } from "./connection-errors";

const target = parseDatabaseUrl("postgres://shop:p%40ss%2Fw0rd@db.example.nl:6543/crm") as PostgresTarget;

describe("connectionStartupError", () => {
  it.each([
    [{ code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND db.example.nl" }, "Cannot reach PostgreSQL at db.example.nl:6543 (the host name is not known"],
    [{ code: "ETIMEDOUT", message: "connect ETIMEDOUT" }, "Cannot reach PostgreSQL at db.example.nl:6543 (no answer in time"],
    [new Error("Connection terminated due to connection timeout"), "Cannot reach PostgreSQL at db.example.nl:6543 (no answer in time"],
    [{ code: "28000", message: 'no pg_hba.conf entry for host "10.1.2.3", user "shop"' }, 'does not let the role "shop" connect'],
    [{ code: "XX000", message: "something else" }, "Cannot connect to PostgreSQL at db.example.nl:6543: something else. Check DATABASE_URL."],
  ])("%o -> %s", (error, expected) => {
    expect(connectionStartupError(error, target).message).toContain(expected);
  });

  it("never repeats the password, even when the driver's message holds it", () => {
    const error = { code: "XX000", message: "bad option near p@ss/w0rd and p%40ss%2Fw0rd" };
    const { message } = connectionStartupError(error, target);
    expect(message).toBe("Cannot connect to PostgreSQL at db.example.nl:6543: bad option near *** and ***. Check DATABASE_URL.");
  });

  it("leaves text alone when there is no password", () => {
    const noPassword = parseDatabaseUrl("postgres://shop@db.example.nl/crm") as PostgresTarget;
    expect(withoutPassword("shop connected", noPassword)).toBe("shop connected");
  });
});
