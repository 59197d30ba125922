import "server-only";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { auditEvents, type AuditEventRow } from "@/db/schema";
import { isAuditAction, type AuditAction } from "@/lib/audit/events";
import { getDb } from "@/lib/db";
import { firstRow } from "@/db/first-row";

/** What the audit page shows: one action kind and/or one person (both optional), newest first, a page at a time. */
export interface AuditQuery {
  action?: AuditAction;
  actor?: string;
  page: number;
  pageSize: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** The page's query from its URL (`action`, `actor`, `page`); anything unknown is ignored. */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const one = (name: string) => {
    const value = params[name];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  const action = one("action");
  const page = Number(one("page") ?? "1");
  return {
    action: isAuditAction(action) ? action : undefined,
    actor: one("actor")?.slice(0, 320),
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    pageSize: AUDIT_PAGE_SIZE,
  };
}

function condition(query: AuditQuery): SQL | undefined {
  return and(query.action ? eq(auditEvents.action, query.action) : undefined, query.actor ? eq(auditEvents.actor, query.actor) : undefined);
}

/** One page of the audit trail, newest first, with how many events match in all. */
export async function listAuditEvents(query: AuditQuery, db: KlantwaardeDatabase = getDb()): Promise<{ events: AuditEventRow[]; total: number }> {
  const where = condition(query);
  const total = (await firstRow(db.select({ n: count() }).from(auditEvents).where(where).limit(1)))?.n ?? 0;
  const events = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { events, total };
}

/** Everyone who appears in the trail (for the page's "who" filter), alphabetically. */
export async function listAuditActors(db: KlantwaardeDatabase = getDb()): Promise<string[]> {
  return (await db
    .selectDistinct({ actor: auditEvents.actor })
    .from(auditEvents)
    .orderBy(auditEvents.actor)
    )
    .map((row) => row.actor);
}
