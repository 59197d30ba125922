import { getTranslations } from "next-intl/server";
import { formatCount, formatMoney, formatPercent } from "@/lib/format";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import type { CustomerScoreRow, CustomerScoreTotals } from "@/lib/queries/customer-scores";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { RFM_SEGMENT_KEYS, type RfmSegmentKey } from "@/lib/scoring/rfm-segments";
import { QUADRANT_KEYS, type QuadrantKey } from "@/lib/settings/schema";
import type { Slide } from "./presentation";

/** A drill-down pinned to the presentation: `tier/1`, `rfm/champions`, `quadrant/high-long`, `cell/1.champions`. */
export interface Pin {
  kind: "tier" | "rfm" | "quadrant" | "cell";
  key: string;
  filter: CustomerFilter;
}

/** Reads `pin` values; unknown kinds and keys are left out. */
export function parsePins(values: string[], snapshot: SnapshotInfo): Pin[] {
  const tiers = snapshot.summary.tiers.length;
  const pins: Pin[] = [];
  for (const value of values.slice(0, 12)) {
    const [kind, key = ""] = value.split("/", 2) as [string, string | undefined];
    if (kind === "tier" && /^\d+$/.test(key) && Number(key) >= 1 && Number(key) <= tiers) pins.push({ kind, key, filter: { tier: Number(key) } });
    if (kind === "rfm" && (RFM_SEGMENT_KEYS as readonly string[]).includes(key)) pins.push({ kind, key, filter: { segment: key as RfmSegmentKey } });
    if (kind === "quadrant" && (QUADRANT_KEYS as readonly string[]).includes(key)) pins.push({ kind, key, filter: { quadrant: key as QuadrantKey } });
    if (kind === "cell") {
      const [tier, segment] = key.split(".", 2);
      if (tier && /^\d+$/.test(tier) && Number(tier) <= tiers && (RFM_SEGMENT_KEYS as readonly string[]).includes(segment ?? "")) {
        pins.push({ kind, key, filter: { tier: Number(tier), segment: segment as RfmSegmentKey } });
      }
    }
  }
  return pins;
}

/** Customers on a pinned slide: the most valuable of the group. */
export const PINNED_TOP_CUSTOMERS = 8;

/**
 * What a pinned slide shows of its group, read by the page: its size and value (`sumCustomerScores`) and its
 * most valuable customers (`getCustomerScores`, the first PINNED_TOP_CUSTOMERS; without names when the reader
 * may not see them or the presenter's privacy switch is on, so they never reach the page).
 */
export interface PinnedGroup {
  totals: Pick<CustomerScoreTotals, "customers" | "predictedClvCents">;
  top: CustomerScoreRow[];
}

/**
 * A pinned drill-down as a slide: its size and value, the most valuable customers, its tactic as the note.
 * `privacy`: the presenter's switch (customer numbers on screen).
 */
export async function pinnedSlide(pin: Pin, group: PinnedGroup, snapshot: SnapshotInfo, locale: string, privacy: boolean): Promise<Slide> {
  const [t, tr, tm] = await Promise.all([getTranslations("present"), getTranslations("rfm"), getTranslations("measures")]);
  const tierName = (tier: number) => snapshot.summary.tiers.find((row) => row.tier === tier)?.name ?? String(tier);
  const quadrant = pin.filter.quadrant ? snapshot.summary.quadrants.find((row) => row.key === pin.filter.quadrant) : undefined;
  const name =
    pin.kind === "tier"
      ? tierName(pin.filter.tier!)
      : pin.kind === "rfm"
        ? tr(`${pin.filter.segment!}.name`)
        : pin.kind === "quadrant"
          ? (quadrant?.name ?? pin.key)
          : `${tierName(pin.filter.tier!)} × ${tr(`${pin.filter.segment!}.name`)}`;
  const { customers, predictedClvCents: value } = group.totals;
  const { top } = group;
  const total = snapshot.summary.totals.predictedClvCents;
  const note = pin.kind === "quadrant" ? quadrant?.tactic : pin.kind === "rfm" ? tr(`${pin.filter.segment!}.description`) : undefined;
  return {
    id: `pin-${pin.kind}-${pin.key}`,
    title: t("pinned", { name }),
    note,
    content: (
      <div className="space-y-6">
        <p className="text-2xl">
          {t("pinnedCustomers", {
            count: customers,
            value: formatMoney(value ?? 0, { locale }),
            share: formatPercent(total > 0 ? (value ?? 0) / total : 0, locale, 0),
          })}
        </p>
        <div>
          <h2 className="mb-2 text-xl font-semibold">{t("topCustomers")}</h2>
          <table className="w-full text-lg">
            <thead className="text-left text-base text-muted-foreground">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  {tm("customer")}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {tm("predictedClv")}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {tm("probabilityAlive")}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {tm("purchases")}
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {top.map((row) => (
                <tr key={row.customerId} className="border-t border-border">
                  <td className="py-1" data-customer-cell>
                    {privacy || !row.name ? t("customerNumber", { number: row.externalId ?? String(row.customerId) }) : row.name}
                  </td>
                  <td className="py-1 text-right">{formatMoney(row.predictedClvCents, { locale })}</td>
                  <td className="py-1 text-right">{row.probabilityAlive === null ? "–" : formatPercent(row.probabilityAlive, locale, 0)}</td>
                  <td className="py-1 text-right">{formatCount(row.purchases, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    ),
  };
}
