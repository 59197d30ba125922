import type { ReactNode } from "react";

/** One A4 landscape page of the printed report: a heading and what fits on the page. */
export function ReportPage({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <section className="report-page space-y-4">
      {title ? <h2 className="text-xl font-semibold">{title}</h2> : null}
      {children}
    </section>
  );
}
