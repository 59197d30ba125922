import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { openTestDatabase } from "@/lib/testing/test-database";
import { commandLineActor, userActor } from "@/lib/audit/events";
import { recordAuditEvent } from "@/lib/audit/record";
import { listAuditActors, listAuditEvents, parseAuditQuery } from "./audit-events";

vi.mock("server-only", () => ({}));

let database: OpenedDatabase;
const ada = userActor({ id: "u-ada", email: "ada@example.com", role: "admin" });
const cli = commandLineActor("beheer");

beforeAll(async () => {
  database = await openTestDatabase();
  for (let i = 0; i < 7; i++) await recordAuditEvent(database.db, ada, { action: "customerListExported", target: `tier-${i}`, details: { rows: i } });
  await recordAuditEvent(database.db, cli, { action: "backup", target: "backups/a.db", details: { sizeBytes: 1024 } });
  await recordAuditEvent(database.db, ada, { action: "userAdded", target: "bo@example.com", details: { role: "viewer" } });
});
afterAll(() => database.close());

describe("parseAuditQuery", () => {
  test("reads what, who and the page from the URL and ignores the rest", () => {
    expect(parseAuditQuery({ action: "backup", actor: " ada@example.com ", page: "3" })).toEqual({ action: "backup", actor: "ada@example.com", page: 3, pageSize: 50 });
    expect(parseAuditQuery({ action: "drop table audit_events", page: "-1" })).toEqual({ action: undefined, actor: undefined, page: 1, pageSize: 50 });
    expect(parseAuditQuery({ action: ["backup", "restore"], page: "2.5" })).toMatchObject({ action: undefined, page: 1 });
  });
});

describe("listAuditEvents", () => {
  test("newest first, a page at a time, with the total", async () => {
    const first = await listAuditEvents({ page: 1, pageSize: 4 }, database.db);
    expect(first.total).toBe(9);
    expect(first.events.map((event) => event.action)).toEqual(["userAdded", "backup", "customerListExported", "customerListExported"]);
    expect(first.events[0]).toMatchObject({ actor: "ada@example.com", actorUserId: "u-ada", actorRole: "admin", source: "browser", target: "bo@example.com", details: { role: "viewer" } });
    const last = await listAuditEvents({ page: 3, pageSize: 4 }, database.db);
    expect(last.events.map((event) => event.target)).toEqual(["tier-0"]);
  });

  test("filters by what and by who; a quote in the filter is only a value", async () => {
    expect((await listAuditEvents({ action: "customerListExported", page: 1, pageSize: 50 }, database.db)).total).toBe(7);
    expect((await listAuditEvents({ actor: "command line (beheer)", page: 1, pageSize: 50 }, database.db)).events.map((event) => event.action)).toEqual(["backup"]);
    expect((await listAuditEvents({ actor: "ada@example.com", action: "backup", page: 1, pageSize: 50 }, database.db)).total).toBe(0);
    expect((await listAuditEvents({ actor: "' or 1=1 --", page: 1, pageSize: 50 }, database.db)).total).toBe(0);
  });

  test("everyone in the trail, once each", async () => {
    expect(await listAuditActors(database.db)).toEqual(["ada@example.com", "command line (beheer)"]);
  });
});
