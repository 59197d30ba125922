"use client";

import { useTranslations } from "next-intl";
import { rejectedRowsCsv } from "@/lib/import/read/csv-writer";
import { todayIso } from "@/lib/import/read/date-format";
import type { ImportReport } from "@/lib/import/store/import-report";
import { formatCount } from "@/lib/format";
import { secondaryButton } from "./button-styles";
import { rejectedRowsFileName, rejectedRowsUrl } from "@/lib/import/contract";

const SHOWN = 100;
const cell = "px-3 py-1.5 align-top";

/**
 * Every rejected row with its line, column, value and reason (the first 100 on screen, all in the
 * download). The report holds the first rejected rows only; when there were more, the download is the
 * server's file of all of them (GET /api/imports/ID/rejected-rows), else it is made here from the report.
 */
export function RejectedRows({ report, delimiter }: { report: ImportReport; delimiter: string }) {
  const t = useTranslations("import.rejectedRows");
  const errors = report.rejectedRows.flatMap((row) => row.errors);
  const fromServer = report.rejectedRowsTruncated && report.rejectedRowsInFile && report.importId !== null;
  const download = () => {
    // Formula-looking cells are escaped, so the file is safe to open in Excel.
    const csv = rejectedRowsCsv(report.header, report.rejectedRows, { bom: true, delimiter, decimal: delimiter === ";" ? "," : "." });
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = rejectedRowsFileName(report.fileName, todayIso());
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section aria-labelledby="rejected-rows-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="rejected-rows-title" className="text-sm font-semibold">
          {t("title", { count: formatCount(report.rejected) })}
        </h3>
        {fromServer ? (
          <a className={secondaryButton} href={rejectedRowsUrl(report.importId!)} download>
            {t("download")}
          </a>
        ) : (
          <button type="button" className={secondaryButton} onClick={download}>
            {t("download")}
          </button>
        )}
      </div>
      <div className="max-h-96 overflow-auto rounded-lg border border-border">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="sticky top-0 bg-muted text-xs text-muted-foreground">
            <tr>
              <th scope="col" className={cell}>{t("line")}</th>
              <th scope="col" className={cell}>{t("column")}</th>
              <th scope="col" className={cell}>{t("value")}</th>
              <th scope="col" className={cell}>{t("reason")}</th>
            </tr>
          </thead>
          <tbody>
            {errors.slice(0, SHOWN).map((error, index) => (
              <tr key={index} className="border-t border-border">
                <td className={`${cell} tabular-nums`}>{error.line}</td>
                <td className={cell}>{error.column}</td>
                <td className={`${cell} font-mono text-xs`}>{error.value === "" ? <span className="text-muted-foreground">{t("empty")}</span> : error.value}</td>
                <td className={cell}>{error.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length > SHOWN || report.rejectedRowsTruncated ? (
        <p className="text-xs text-muted-foreground">
          {report.rejectedRowsTruncated && !fromServer
            ? t("truncatedFirst", { shown: String(SHOWN), count: formatCount(report.rejectedRows.length) })
            : t("truncatedAll", { shown: String(SHOWN) })}
        </p>
      ) : null}
    </section>
  );
}
