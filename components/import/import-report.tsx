"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { ImportReport as Report } from "@/lib/import/store/import-report";
import { formatCount } from "@/lib/format";
import { OrderSummary } from "./order-summary";
import { ProblemList } from "./problem-list";
import { RejectedRows } from "./rejected-rows";

const HEADINGS = {
  committed: { text: "committed", className: "text-chart-3" },
  rejected: { text: "rejected", className: "text-danger" },
  failed: { text: "failed", className: "text-danger" },
} as const satisfies Record<Report["status"], { text: string; className: string }>;

/** What happened to the file: counts, the message, warnings and every rejected row. */
export function ImportReport({ report, delimiter }: { report: Report; delimiter: string }) {
  const t = useTranslations("import.report");
  const heading = HEADINGS[report.status];
  const focusOnMount = useCallback((element: HTMLHeadingElement | null) => element?.focus(), []);
  const counts: [string, number, string?][] = [
    [t("rowsRead"), report.rowsRead],
    [t("imported"), report.imported, report.newCustomers > 0 && report.kind === "transactions" ? t("newCustomers", { count: formatCount(report.newCustomers) }) : undefined],
    [t("updated"), report.updated],
    [t("alreadyPresent"), report.duplicates, t("skippedDuplicates")],
    [t("rejectedCount"), report.rejected],
  ];
  return (
    <div className="space-y-5">
      <div>
        {/* Focused when the report appears, so it is scrolled into view and read out. */}
        <h2 ref={focusOnMount} tabIndex={-1} className={`text-lg font-semibold outline-none ${heading.className}`}>
          {t(heading.text)}
        </h2>
        <p className="mt-1 text-sm" data-testid="import-message">
          {report.message}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label={t("counts")}>
        {counts.map(([label, value, detail]) => (
          <div key={label} className="rounded-lg border border-border px-4 py-3">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{formatCount(value)}</dd>
            {detail && value > 0 ? <dd className="text-xs text-muted-foreground">{detail}</dd> : null}
          </div>
        ))}
      </dl>
      {report.orders ? <OrderSummary orders={report.orders} /> : null}
      {report.status !== "committed" || report.problems.some((problem) => problem.severity === "warning") ? (
        <ProblemList problems={report.problems} title={t("whyNothing")} />
      ) : null}
      {report.rejected > 0 ? <RejectedRows report={report} delimiter={delimiter} /> : null}
    </div>
  );
}
