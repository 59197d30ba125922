import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getBiggestMovers } from "@/lib/queries/snapshot-migration";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { NamesHiddenNote } from "@/components/privacy/names-hidden-note";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";
import { ComparedCustomersTable } from "./compared-customers-table";

export const MOVERS_SHOWN = 20;

/**
 * The customers whose predicted CLV rose and fell the most between the two snapshots. A server widget
 * (README, "Where data is fetched"): it reads the movers itself, with names only for those who may see them.
 */
export async function BiggestMovers({ from, to, locale }: { from: SnapshotInfo; to: SnapshotInfo; locale: string }) {
  const t = await getTranslations("history");
  const { visible } = await getPersonalDataAccess(); // names, or customer numbers only
  const movers = await getBiggestMovers(from, to, { limit: MOVERS_SHOWN, personalData: visible });
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-2" data-section="movers">
      {visible ? null : <NamesHiddenNote search={false} className="xl:col-span-2" />}
      {(["up", "down"] as const).map((direction) => (
        <Card key={direction} data-movers={direction}>
          <CardHeader>
            <CardTitle>{t(`movers.${direction}`)}</CardTitle>
            <CardDescription>{t(direction === "up" ? "movers.descriptionUp" : "movers.descriptionDown", { count: movers[direction].length })}</CardDescription>
          </CardHeader>
          <CardContent>
            {movers[direction].length === 0 ? (
              <p className="text-sm text-muted-foreground">{t(direction === "up" ? "movers.noneUp" : "movers.noneDown")}</p>
            ) : (
              <ComparedCustomersTable rows={movers[direction]} from={from} to={to} caption={t(`movers.${direction}`)} locale={locale} />
            )}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
