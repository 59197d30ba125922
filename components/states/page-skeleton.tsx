import { clsx } from "clsx";
import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * A page's loading state (its `loading.tsx`): the page header's place, a title of `titleWidth` and, where
 * the page has one, a subtitle of `subtitleWidth` (and the back link of a drill-down), then grey blocks in
 * the page's own layout (`children`), so the content does not jump when it arrives. `label` is read out.
 */
export function PageSkeleton({ label, titleWidth, subtitleWidth, backLink = false, children }: { label: string; titleWidth: string; subtitleWidth?: string; backLink?: boolean; children: ReactNode }) {
  return (
    <div className="space-y-6" aria-busy="true" aria-label={label}>
      <div className="space-y-2">
        {backLink ? <Skeleton className="h-4 w-28" /> : null}
        <Skeleton className={clsx("h-8", titleWidth)} />
        {subtitleWidth ? <Skeleton className={clsx("h-4", subtitleWidth)} /> : null}
      </div>
      {children}
    </div>
  );
}

/** `count` grey blocks of class `className` (cards of a grid). */
export function SkeletonBlocks({ count, className }: { count: number; className: string }) {
  return Array.from({ length: count }, (_, key) => <Skeleton key={key} className={className} />);
}
