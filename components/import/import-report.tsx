"use client";

import { useCallback } from "react";
import type { ImportReport as Report } from "@/lib/imports/run-import";
import { formatCount } from "@/lib/format";
import { ProblemList } from "./problem-list";
import { RejectedRows } from "./rejected-rows";

const HEADINGS: Record<Report["status"], { text: string; className: string }> = {
  committed: { text: "Import finished", className: "text-chart-3" },
  rejected: { text: "Nothing was imported", className: "text-danger" },
  failed: { text: "The import failed", className: "text-danger" },
};

/** What happened to the file: counts, the message, warnings and every rejected row. */
export function ImportReport({ report, delimiter }: { report: Report; delimiter: string }) {
  const heading = HEADINGS[report.status];
  const focusOnMount = useCallback((element: HTMLHeadingElement | null) => element?.focus(), []);
  const counts: [string, number, string?][] = [
    ["Rows read", report.rowsRead],
    ["Imported", report.imported, report.newCustomers > 0 && report.kind === "transactions" ? `${formatCount(report.newCustomers)} new customers` : undefined],
    ["Updated", report.updated],
    ["Already present", report.duplicates, "skipped as duplicates"],
    ["Rejected", report.rejected],
  ];
  return (
    <div className="space-y-5">
      <div>
        {/* Focused when the report appears, so it is scrolled into view and read out. */}
        <h2 ref={focusOnMount} tabIndex={-1} className={`text-lg font-semibold outline-none ${heading.className}`}>
          {heading.text}
        </h2>
        <p className="mt-1 text-sm" data-testid="import-message">
          {report.message}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Import counts">
        {counts.map(([label, value, detail]) => (
          <div key={label} className="rounded-lg border border-border px-4 py-3">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{formatCount(value)}</dd>
            {detail && value > 0 ? <dd className="text-xs text-muted-foreground">{detail}</dd> : null}
          </div>
        ))}
      </dl>
      {report.status !== "committed" || report.problems.some((problem) => problem.severity === "warning") ? (
        <ProblemList problems={report.problems} title="Why nothing was imported" />
      ) : null}
      {report.rejected > 0 ? <RejectedRows report={report} delimiter={delimiter} /> : null}
    </div>
  );
}
