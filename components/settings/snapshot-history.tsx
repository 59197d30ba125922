import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, formatDate, formatMoney } from "@/lib/format";
import type { SnapshotListItem } from "@/lib/queries/snapshots";

const MODEL_NAMES: Record<string, string> = { bgnbd: "BG/NBD", mbgnbd: "MBG/NBD", paretonbd: "Pareto/NBD", simple: "Simple formula" };

/** The last snapshots, complete and failed, newest first. */
export function SnapshotHistory({ snapshots, currency, locale }: { snapshots: SnapshotListItem[]; currency: string; locale: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>History</CardTitle>
        <CardDescription>Earlier snapshots are kept for comparison (the last 24).</CardDescription>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        {snapshots.length === 0 ? (
          <p className="text-sm text-muted-foreground">No snapshots yet.</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">Snapshot history</caption>
            <thead className="text-left text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Snapshot</th>
                <th scope="col" className="py-2 pr-4 font-medium">Computed</th>
                <th scope="col" className="py-2 pr-4 font-medium">As of</th>
                <th scope="col" className="py-2 pr-4 font-medium">Model</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">Customers</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">Predicted CLV</th>
                <th scope="col" className="py-2 font-medium">Why</th>
              </tr>
            </thead>
            <tbody>
              {snapshots.map((row) => (
                <tr key={row.id} className="border-t border-border align-top">
                  <td className="py-2 pr-4 tabular-nums">{row.id}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{formatDate(row.createdAt.slice(0, 10), locale)} {row.createdAt.slice(11, 16)}</td>
                  {row.status === "failed" ? (
                    <td colSpan={4} className="py-2 pr-4 text-danger">
                      Failed: {row.message}
                    </td>
                  ) : (
                    <>
                      <td className="py-2 pr-4 whitespace-nowrap">{formatDate(row.asOfDate, locale)}</td>
                      <td className="py-2 pr-4">{MODEL_NAMES[row.model ?? ""] ?? row.model}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">{formatCount(row.customers ?? 0, locale)}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(row.predictedClvCents ?? 0, { currency, locale, compact: true })}</td>
                    </>
                  )}
                  <td className="py-2 text-muted-foreground">{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}
