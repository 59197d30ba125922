import type { ReactNode } from "react";
import { Card } from "./card";

/**
 * One headline figure with its label and an optional explanation underneath; `below` sits right under the
 * figure (e.g. its range).
 */
export function KpiCard({ label, value, detail, below }: { label: string; value: string; detail?: string; below?: ReactNode }) {
  return (
    <Card className="px-5 py-4">
      <p className="text-sm text-muted-foreground">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums tracking-tight">{value}</p>
      {below}
      {detail ? <p className="mt-1 text-xs text-muted-foreground">{detail}</p> : null}
    </Card>
  );
}
