import { getTranslations } from "next-intl/server";
import { getMigrationMatrix, type MigrationGrouping } from "@/lib/queries/snapshot-compare";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import type { RfmSegmentKey } from "@/lib/scoring/rfm-segments";
import { CellCustomers } from "./cell-customers";
import { groupName } from "./group-names";
import type { HistoryParams } from "./history-params";
import { MigrationFlow } from "./migration-flow";
import { MigrationMatrixTable } from "./migration-matrix";

/** The migration of customers between two snapshots: the matrix, the customers of a chosen cell, and the flow chart. */
export async function MigrationSection({
  from,
  to,
  by,
  measure,
  cell,
  page,
  settingsChanged,
  locale,
}: {
  from: SnapshotInfo;
  to: SnapshotInfo;
  by: MigrationGrouping;
  measure: HistoryParams["measure"];
  cell: HistoryParams["cell"];
  page: number;
  settingsChanged: boolean;
  locale: string;
}) {
  const tr = await getTranslations("rfm");
  const matrix = getMigrationMatrix(from, to, by);
  const rfmName = (key: string) => tr(`${key as RfmSegmentKey}.name`);
  const names = { from: (key: string) => groupName(by, from, key, rfmName), to: (key: string) => groupName(by, to, key, rfmName) };
  const currency = to.summary.currency;
  return (
    <>
      <MigrationMatrixTable matrix={matrix} names={names} measure={measure} selected={cell} settingsChanged={settingsChanged} locale={locale} currency={currency} />
      {cell ? <CellCustomers from={from} to={to} matrix={matrix} cell={cell} page={page} measure={measure} names={names} locale={locale} /> : null}
      <MigrationFlow matrix={matrix} names={names} measure={measure} asOfDate={to.asOfDate} locale={locale} currency={currency} />
    </>
  );
}
