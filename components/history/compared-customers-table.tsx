import { Link } from "@/components/ui/link";
import { clsx } from "clsx";
import { getTranslations } from "next-intl/server";
import { formatMoney } from "@/lib/format";
import type { ComparedCustomer } from "@/lib/queries/snapshot-migration";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

function tierName(snapshot: SnapshotInfo, tier: number | null): string | null {
  return tier === null ? null : (snapshot.summary.tiers.find((row) => row.tier === tier)?.name ?? String(tier));
}

/** Customers in two snapshots: their tier and predicted CLV in each and the change; names link to the customer in the later snapshot. */
export async function ComparedCustomersTable({
  rows,
  from,
  to,
  caption,
  locale,
}: {
  rows: ComparedCustomer[];
  from: SnapshotInfo;
  to: SnapshotInfo;
  caption: string;
  locale: string;
}) {
  const t = await getTranslations("history");
  const currency = to.summary.currency;
  const money = (cents: number | null) => (cents === null ? t("cell.notScored") : formatMoney(cents, { locale, currency }));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">{t("movers.customer")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("movers.tier")}</th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">{t("movers.before")}</th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">{t("movers.after")}</th>
            <th scope="col" className="py-2 text-right font-medium">{t("movers.change")}</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {rows.map((row) => {
            const change = (row.afterClvCents ?? 0) - (row.beforeClvCents ?? 0);
            const before = tierName(from, row.beforeTier);
            const after = tierName(to, row.afterTier);
            // A customer no longer scored has no page in the later snapshot: link to the earlier one.
            const href = `/customers/${row.customerId}?snapshot=${row.afterClvCents === null ? from.id : to.id}`;
            return (
              <tr key={row.customerId} className="border-t border-border" data-customer={row.customerId}>
                <th scope="row" className="max-w-56 truncate py-1.5 pr-3 text-left font-normal">
                  <Link href={href} className="text-accent hover:underline">
                    {row.name ?? row.externalId}
                  </Link>
                </th>
                <td className="py-1.5 pr-3 text-xs text-muted-foreground">
                  {before === after ? before : [before ?? t("cell.notScored"), after ?? t("cell.notScored")].join(" → ")}
                </td>
                <td className="py-1.5 pr-3 text-right whitespace-nowrap text-muted-foreground">{money(row.beforeClvCents)}</td>
                <td className="py-1.5 pr-3 text-right whitespace-nowrap">{money(row.afterClvCents)}</td>
                <td className={clsx("py-1.5 text-right font-medium whitespace-nowrap", change < 0 && "text-danger")}>
                  {`${change > 0 ? "+" : ""}${formatMoney(change, { locale, currency })}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
