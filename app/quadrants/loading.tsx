import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

/** Shaped like the quadrant map: title, filter bar, view controls, the chart, the four cards. */
export default async function Loading() {
  const t = await getTranslations("states");
  return (
    <div className="space-y-6" aria-busy="true" aria-label={t("loading")}>
      <div className="space-y-2">
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <Skeleton className="h-[62px]" />
      <Skeleton className="h-8 w-80" />
      <Skeleton className="h-[600px]" />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {[0, 1, 2, 3].map((key) => (
          <Skeleton key={key} className="h-48" />
        ))}
      </div>
    </div>
  );
}
