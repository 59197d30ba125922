import { getTranslations } from "next-intl/server";
import { ChartContainer } from "@/components/charts/chart-container";
import { formatCount } from "@/lib/format";
import type { FrequencyRecencyGrid } from "@/lib/clv/holdout";
import { HeatMap } from "./heat-map";
import { columnLabels, formatHeatValue, heatCells, rowLabels } from "./heat-map-data";

/** The diagnostic heat maps: mean P(alive) and expected purchases over repeat purchases × weeks since the last purchase. */
export async function HeatMaps({
  grid,
  horizonMonths,
  model,
  modelLabel,
  asOfDate,
  locale,
}: {
  grid: FrequencyRecencyGrid;
  horizonMonths: number;
  model: string;
  modelLabel: string;
  asOfDate: string;
  locale: string;
}) {
  const t = await getTranslations("model.heatMaps");
  const rows = rowLabels(grid.repeatPurchases);
  const columns = columnLabels(grid.daysSinceLastPurchase);
  const labels = (caption: string) => ({
    rows: t("rows"),
    columns: t("columns"),
    low: t("low"),
    high: t("high"),
    caption,
    customers: t("customers", { count: "{count}" }),
    empty: t("empty"),
  });
  const maps = [
    {
      measure: "probabilityAlive" as const,
      id: "heat-map-alive",
      title: t("aliveTitle"),
      // BG/NBD lets customers drop out only after a repeat purchase, so its top row is 100%: say so.
      description: t("aliveDescription", { model: modelLabel }) + (model === "bgnbd" ? ` ${t("aliveNoteBgnbd")}` : ""),
    },
    {
      measure: "expectedPurchases" as const,
      id: "heat-map-purchases",
      title: t("purchasesTitle", { months: horizonMonths }),
      description: t("purchasesDescription", { months: horizonMonths }),
    },
  ].filter((map) => grid[map.measure] !== null);

  return (
    <section className="space-y-4" aria-labelledby="heat-maps-heading" data-section="heat-maps">
      <div>
        <h2 id="heat-maps-heading" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("intro", { customers: formatCount(grid.customers.flat().reduce((a, b) => a + b, 0), locale) })}</p>
      </div>
      <div className="grid gap-6 xl:grid-cols-2">
        {maps.map((map) => {
          const { cells } = heatCells(grid, map.measure);
          const filled = cells.filter((cell) => cell.value !== null);
          const low = filled.reduce((a, b) => (b.value! < a.value! ? b : a), filled[0]!);
          const high = filled.reduce((a, b) => (b.value! > a.value! ? b : a), filled[0]!);
          const describe = (cell: typeof low) => t("summaryCell", { value: formatHeatValue(map.measure, cell.value!, locale), rows: rows[cell.row]!, columns: columns[cell.column]! });
          return (
            <ChartContainer
              key={map.measure}
              id={map.id}
              title={map.title}
              description={map.description}
              config={{}}
              summary={filled.length > 0 ? t("summary", { low: describe(low), high: describe(high) }) : t("empty")}
              exportOptions={{
                name: map.id,
                asOfDate,
                table: {
                  columns: [t("rows"), t("columns"), t("csvCustomers"), map.title],
                  rows: cells.map((cell) => [rows[cell.row]!, columns[cell.column]!, cell.customers, cell.value ?? ""]),
                },
              }}
            >
              <HeatMap grid={grid} measure={map.measure} labels={labels(map.title)} locale={locale} />
            </ChartContainer>
          );
        })}
      </div>
    </section>
  );
}
