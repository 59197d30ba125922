import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** Shaped like the cohort page: title, filter bar, period switch, chart, table. */
export default async function Loading() {
  const t = await getTranslations("states");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-40" subtitleWidth="w-96 max-w-full">
      <Skeleton className="h-[62px]" />
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-[480px]" />
      <Skeleton className="h-72" />
    </PageSkeleton>
  );
}
