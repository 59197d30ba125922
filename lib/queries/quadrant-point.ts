import "server-only";
import { and, eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customerScores, snapshots } from "@/db/schema";
import { isoFromDayNumber, parseIsoDay } from "@/lib/clv/iso-date";
import { getDb } from "@/lib/db";
import { firstRow } from "@/db/first-row";

/**
 * What the quadrant map's tooltip adds when a point is hovered: fetched one customer at a time, so the map's
 * data (4,000 points) stays small. No name or e-mail address: the numbers only.
 */
export interface QuadrantPointDetails {
  customerId: number;
  /** Null for the simple formula. */
  probabilityAlive: number | null;
  /** ISO date of the last purchase (analysis date − days since the last purchase). */
  lastPurchaseDate: string;
  daysSinceLastPurchase: number;
  /** Null in snapshots from before relationship length was stored. */
  relationshipEnded: boolean | null;
}

/** The details of one customer in one complete snapshot; null when the customer is not in it. */
export async function getQuadrantPointDetails(snapshotId: number, customerId: number, db: KlantwaardeDatabase = getDb()): Promise<QuadrantPointDetails | null> {
  try {
    const row = await firstRow(db
      .select({
        asOfDate: snapshots.asOfDate,
        probabilityAlive: customerScores.probabilityAlive,
        daysSinceLastPurchase: customerScores.daysSinceLastPurchase,
        relationshipEnded: customerScores.relationshipEnded,
      })
      .from(customerScores)
      .innerJoin(snapshots, eq(snapshots.id, customerScores.snapshotId))
      .where(and(eq(customerScores.snapshotId, snapshotId), eq(customerScores.customerId, customerId), eq(snapshots.status, "complete")))
      .limit(1));
    if (!row || !row.asOfDate) return null;
    return {
      customerId,
      probabilityAlive: row.probabilityAlive,
      lastPurchaseDate: isoFromDayNumber(parseIsoDay(row.asOfDate) - row.daysSinceLastPurchase),
      daysSinceLastPurchase: row.daysSinceLastPurchase,
      relationshipEnded: row.relationshipEnded === null ? null : row.relationshipEnded === 1,
    };
  } catch (error) {
    console.error("[queries] the quadrant point details failed", error);
    throw new Error("Could not read the customer's details from the database.");
  }
}
