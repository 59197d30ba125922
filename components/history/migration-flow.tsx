import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { formatCount, formatMoney } from "@/lib/format";
import type { MigrationMatrix } from "@/lib/queries/snapshot-migration";
import type { HistoryMeasure } from "./history-params";
import { cellAmount } from "./migration-matrix";
import { MigrationFlowChart, type FlowLink, type FlowNode } from "./migration-flow-chart";

const OUTSIDE = "var(--muted-foreground)";
const color = (index: number) => `var(--chart-${(index % 8) + 1})`;

/** The migration matrix as a flow chart (Sankey), with the cells as a CSV behind the Export button. */
export async function MigrationFlow({
  matrix,
  names,
  measure,
  asOfDate,
  locale,
  currency,
}: {
  matrix: MigrationMatrix;
  names: { from: (key: string) => string; to: (key: string) => string };
  measure: HistoryMeasure;
  asOfDate: string;
  locale: string;
  currency: string;
}) {
  const t = await getTranslations("history");
  const fromName = (key: string | null) => (key === null ? t("groups.new") : names.from(key));
  const toName = (key: string | null) => (key === null ? t("groups.gone") : names.to(key));
  // Nodes: the earlier groups (with the new customers last), then the later groups (with those no longer scored last).
  const colourOf = new Map([...matrix.rows, ...matrix.columns].map((group) => group.key).filter((key, index, keys) => keys.indexOf(key) === index).map((key, index) => [key, color(index)]));
  const amount = (filter: (cell: MigrationMatrix["cells"][number]) => boolean) =>
    matrix.cells.filter(filter).reduce((sum, cell) => sum + Math.max(0, cellAmount(cell, measure)), 0);
  // Groups without customers are left out: the layout would put a node without links in the wrong column.
  const fromKeys = [...matrix.rows.map((row) => row.key), null].filter((key) => amount((cell) => cell.from === key) > 0);
  const toKeys = [...matrix.columns.map((column) => column.key), null].filter((key) => amount((cell) => cell.to === key) > 0);
  const nodes: FlowNode[] = [
    ...fromKeys.map((key) => ({ name: fromName(key), side: "from" as const, color: key === null ? OUTSIDE : colourOf.get(key)!, amount: amount((cell) => cell.from === key) })),
    ...toKeys.map((key) => ({ name: toName(key), side: "to" as const, color: key === null ? OUTSIDE : colourOf.get(key)!, amount: amount((cell) => cell.to === key) })),
  ];
  const links: FlowLink[] = matrix.cells
    .map((cell) => ({ source: fromKeys.indexOf(cell.from), target: fromKeys.length + toKeys.indexOf(cell.to), value: cellAmount(cell, measure) }))
    .filter((link) => link.value > 0 && link.source >= 0 && link.target >= fromKeys.length);
  const show = (value: number) => (measure === "customers" ? formatCount(value, locale) : formatMoney(value, { locale, currency, compact: true }));
  const largest = [...matrix.cells]
    .filter((cell) => cellAmount(cell, measure) > 0)
    .sort((a, b) => cellAmount(b, measure) - cellAmount(a, measure))
    .slice(0, 5)
    .map((cell) => t("flow.flowLine", { from: fromName(cell.from), to: toName(cell.to), amount: show(cellAmount(cell, measure)) }));
  const description = t(measure === "customers" ? "flow.description" : "flow.descriptionValue", { from: matrix.fromId, to: matrix.toId });
  return (
    <ChartContainer
      id="migration-flow"
      title={t("flow.title")}
      description={description}
      config={{}}
      summary={t("flow.summary", { flows: largest.join("; ") })}
      exportOptions={{
        name: `migration-${matrix.by}-${matrix.fromId}-${matrix.toId}`,
        asOfDate,
        filters: description,
        table: {
          columns: [t("flow.from"), t("flow.to"), t("flow.customers"), t("flow.before"), t("flow.after")],
          rows: matrix.cells.map((cell) => [fromName(cell.from), toName(cell.to), cell.customers, cell.beforeClvCents / 100, cell.afterClvCents / 100]),
        },
      }}
    >
      <MigrationFlowChart nodes={nodes} links={links} measure={measure} locale={locale} currency={currency} />
    </ChartContainer>
  );
}
