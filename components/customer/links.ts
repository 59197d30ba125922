/** Links from the customer page to the drill-downs of its tier, RFM segment and quadrant (URL contracts in the README). */
export type SegmentKind = "tier" | "rfm" | "quadrant";

/** `?snapshot=ID` when the page shows an older snapshot, so the drill-down shows the same figures. */
export function snapshotQuery(snapshotId: number, currentId: number | null): string {
  return snapshotId === currentId ? "" : `?snapshot=${snapshotId}`;
}

/**
 * @example segmentHref("rfm", "champions", "") // "/segments/rfm/champions"
 * @example segmentHref("tier", 1, "?snapshot=4") // "/segments/tier/1?snapshot=4"
 */
export function segmentHref(kind: SegmentKind, key: string | number, query: string): string {
  return `/segments/${kind}/${encodeURIComponent(String(key))}${query}`;
}

/** @example customerHref(7, "?snapshot=4") // "/customers/7?snapshot=4" */
export function customerHref(customerId: number, query = ""): string {
  return `/customers/${customerId}${query}`;
}
