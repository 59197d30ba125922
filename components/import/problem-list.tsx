import { useTranslations } from "next-intl";
import type { ImportProblem } from "@/lib/import/read/problems";

/**
 * File-level problems: errors stop the import, warnings are worth reading. A problem whose text has
 * nothing of the file in it is shown in the page's language; the others as the reader wrote them.
 */
export function ProblemList({ problems, title }: { problems: ImportProblem[]; title?: string }) {
  const t = useTranslations("import.problems");
  if (problems.length === 0) return null;
  const text = (problem: ImportProblem): string => {
    if (problem.code === "not-utf-8") return t("notUtf8");
    if (problem.code === "line-too-long") return problem.line === 1 ? t("firstLineTooLong") : t("firstRowTooLong");
    return problem.message;
  };
  const errors = problems.filter((problem) => problem.severity === "error");
  const warnings = problems.filter((problem) => problem.severity === "warning");
  return (
    <div className="space-y-3">
      {errors.length > 0 ? (
        <div role="alert" className="rounded-lg border border-danger/40 bg-danger/5 p-4 text-sm">
          <p className="font-medium text-danger">{title ?? (errors.length === 1 ? t("cannotImportYet") : t("stopImport", { count: String(errors.length) }))}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {errors.map((problem, index) => (
              <li key={index}>
                {text(problem)}
                {problem.line ? <span className="text-muted-foreground"> {t("line", { line: String(problem.line) })}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div className="rounded-lg border border-chart-2/50 bg-chart-2/5 p-4 text-sm">
          <p className="font-medium">{t("worthChecking")}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {warnings.map((problem, index) => (
              <li key={index}>{text(problem)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
