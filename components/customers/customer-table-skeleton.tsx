import { Skeleton } from "@/components/ui/skeleton";

/** The customer table while it loads: header, a page of rows, and the paging line. */
export function CustomerTableSkeleton({ rows = 12 }: { rows?: number }) {
  return (
    <div className="space-y-3">
      <div className="space-y-2 rounded-xl border border-border bg-card p-3">
        <Skeleton className="h-6" />
        {Array.from({ length: rows }, (_, index) => (
          <Skeleton key={index} className="h-7" />
        ))}
      </div>
      <Skeleton className="h-6 w-64" />
    </div>
  );
}
