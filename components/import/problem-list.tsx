import type { ImportProblem } from "@/lib/import/problems";

/** File-level problems: errors stop the import, warnings are worth reading. */
export function ProblemList({ problems, title }: { problems: ImportProblem[]; title?: string }) {
  if (problems.length === 0) return null;
  const errors = problems.filter((problem) => problem.severity === "error");
  const warnings = problems.filter((problem) => problem.severity === "warning");
  return (
    <div className="space-y-3">
      {errors.length > 0 ? (
        <div role="alert" className="rounded-lg border border-danger/40 bg-danger/5 p-4 text-sm">
          <p className="font-medium text-danger">{title ?? (errors.length === 1 ? "This file cannot be imported yet" : `${errors.length} problems stop this import`)}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {errors.map((problem, index) => (
              <li key={index}>
                {problem.message}
                {problem.line ? <span className="text-muted-foreground"> (line {problem.line})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div className="rounded-lg border border-chart-2/50 bg-chart-2/5 p-4 text-sm">
          <p className="font-medium">Worth checking</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {warnings.map((problem, index) => (
              <li key={index}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
