import { getTranslations } from "next-intl/server";
import { relationshipDefinitionName } from "@/components/quadrants/relationship-definition";
import { Card } from "@/components/ui/card";
import type { MigrationGrouping } from "@/lib/queries/snapshot-compare-keys";
import { getMigrationCustomers, getMigrationMatrix, relationshipDefinitionsDiffer } from "@/lib/queries/snapshot-migration";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import type { RfmSegmentKey } from "@/lib/scoring/rfm-segments";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";
import { CELL_PAGE_SIZE, CellCustomers, cellPage } from "./cell-customers";
import { groupName } from "./group-names";
import type { HistoryParams } from "./history-params";
import { MigrationFlow } from "./migration-flow";
import { MigrationMatrixTable } from "./migration-matrix";

/**
 * The migration of customers between two snapshots: the matrix, the customers of a chosen cell, and the flow
 * chart. A server widget (README, "Where data is fetched"): it reads the matrix and the cell's customers
 * itself, so the history page shows its headline figures while the customer-level comparison is computed.
 */
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
  const [tr, tq] = await Promise.all([getTranslations("rfm"), getTranslations("quadrants")]);
  if (by === "quadrant" && relationshipDefinitionsDiffer(from, to)) {
    // Moves that come from a new definition of relationship length, not from the customers: not shown.
    const [before, after] = await Promise.all([relationshipDefinitionName(from.summary, locale), relationshipDefinitionName(to.summary, locale)]);
    return (
      <Card className="px-5 py-4 text-sm" data-state="definition-changed">
        {tq("definitionChanged", { from: before, to: after })}
      </Card>
    );
  }
  const matrix = await getMigrationMatrix(from, to, by);
  const rfmName = (key: string) => tr(`${key as RfmSegmentKey}.name`);
  const names = { from: (key: string) => groupName(by, from, key, rfmName), to: (key: string) => groupName(by, to, key, rfmName) };
  const currency = to.summary.currency;
  const found = cell ? matrix.cells.find((candidate) => candidate.from === cell.from && candidate.to === cell.to) : undefined;
  // Names, or customer numbers only (the biggest movers say so once).
  const cellRows =
    cell && found
      ? await getMigrationCustomers(from, to, matrix.by, cell, { limit: CELL_PAGE_SIZE, offset: (cellPage(found.customers, page).current - 1) * CELL_PAGE_SIZE, personalData: (await getPersonalDataAccess()).visible })
      : [];
  return (
    <>
      <MigrationMatrixTable matrix={matrix} names={names} measure={measure} selected={cell} settingsChanged={settingsChanged} locale={locale} currency={currency} />
      {cell ? <CellCustomers from={from} to={to} matrix={matrix} cell={cell} page={page} rows={cellRows} measure={measure} names={names} locale={locale} /> : null}
      <MigrationFlow matrix={matrix} names={names} measure={measure} asOfDate={to.asOfDate} locale={locale} currency={currency} />
    </>
  );
}
