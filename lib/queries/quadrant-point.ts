import "server-only";
import { and, eq } from "drizzle-orm";
import type { KlantwaardeDatabase } from "@/db/client";
import { customers, customerScores, snapshots } from "@/db/schema";
import { pointLabel } from "./quadrant-map";
import { isoFromDayNumber, parseIsoDay } from "@/lib/clv/iso-date";
import { getDb } from "@/lib/db";
import { firstRow } from "@/db/first-row";

/**
 * What the quadrant map's tooltip adds when a point is hovered: fetched one customer at a time, so the map's
 * data (4,000 points) stays small. The label is the customer's name for a reader who may see names (cut to
 * MAX_LABEL characters, as the map cut it), else the customer number; never the e-mail address.
 */
export interface QuadrantPointDetails {
  customerId: number;
  /** The name, or the customer number when there is no name or the reader may not see names. */
  label: string;
  /** Null for the simple formula. */
  probabilityAlive: number | null;
  /** ISO date of the last purchase (analysis date − days since the last purchase). */
  lastPurchaseDate: string;
  daysSinceLastPurchase: number;
  /** Null in snapshots from before relationship length was stored. */
  relationshipEnded: boolean | null;
}

/** The details of one customer in one complete snapshot; null when the customer is not in it. */
export async function getQuadrantPointDetails(
  snapshotId: number,
  customerId: number,
  { personalData }: { personalData: boolean },
  db: KlantwaardeDatabase = getDb(),
): Promise<QuadrantPointDetails | null> {
  try {
    const row = await firstRow(db
      .select({
        label: pointLabel(personalData),
        asOfDate: snapshots.asOfDate,
        probabilityAlive: customerScores.probabilityAlive,
        daysSinceLastPurchase: customerScores.daysSinceLastPurchase,
        relationshipEnded: customerScores.relationshipEnded,
      })
      .from(customerScores)
      .innerJoin(snapshots, eq(snapshots.id, customerScores.snapshotId))
      .leftJoin(customers, eq(customers.id, customerScores.customerId))
      .where(and(eq(customerScores.snapshotId, snapshotId), eq(customerScores.customerId, customerId), eq(snapshots.status, "complete")))
      .limit(1));
    if (!row || !row.asOfDate) return null;
    return {
      customerId,
      label: row.label,
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
