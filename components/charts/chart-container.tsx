import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ChartConfig } from "./chart-config";
import { ChartExportMenu, type ChartExportOptions } from "./chart-export-menu";

/**
 * The frame every chart sits in: a card with a title, a subtitle, a legend built from the chart's
 * config, an Export button (PNG, SVG, CSV) and a text alternative for screen readers. The chart itself is
 * a client component child.
 */
export function ChartContainer({
  id,
  title,
  description,
  config,
  summary,
  legendLabel = "Legend",
  exportOptions,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  config: ChartConfig;
  /** What the chart shows, in words, for people who cannot see it. */
  summary: string;
  /** Accessible name of the legend list, in the page's language. */
  legendLabel?: string;
  /** File name, data (CSV), filters and as-of date of the Export button; without it the id names the file. */
  exportOptions?: ChartExportOptions;
  children: ReactNode;
}) {
  const titleId = `${id}-title`;
  return (
    <Card>
      <figure role="group" aria-labelledby={titleId} data-chart={id}>
        <CardHeader>
          <div className="flex items-start justify-between gap-4">
            <CardTitle id={titleId}>{title}</CardTitle>
            <ChartExportMenu
              chartId={id}
              title={title}
              legend={Object.values(config).map((series) => ({ label: series.label, color: series.color }))}
              options={exportOptions ?? { name: id }}
            />
          </div>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </CardHeader>
        <CardContent>
          {/* A chart with its own legend (shapes as well as colours) passes an empty config. */}
          {Object.keys(config).length > 0 ? (
            <ul className="mb-3 flex flex-wrap gap-4 text-xs text-muted-foreground" aria-label={legendLabel}>
              {Object.entries(config).map(([key, series]) => (
                <li key={key} className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block size-2.5 rounded-sm" style={{ background: series.color }} />
                  {series.label}
                </li>
              ))}
            </ul>
          ) : null}
          {children}
          <figcaption className="sr-only">{summary}</figcaption>
        </CardContent>
      </figure>
    </Card>
  );
}
