import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

/** Shaped like the cohort page: title, filter bar, period switch, chart, table. */
export default async function Loading() {
  const t = await getTranslations("states");
  return (
    <div className="space-y-6" aria-busy="true" aria-label={t("loading")}>
      <div className="space-y-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <Skeleton className="h-[62px]" />
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-[480px]" />
      <Skeleton className="h-72" />
    </div>
  );
}
