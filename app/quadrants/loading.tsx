import { getTranslations } from "next-intl/server";
import { PageSkeleton, SkeletonBlocks } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** Shaped like the quadrant map: title, filter bar, view controls, the chart, the four cards. */
export default async function Loading() {
  const t = await getTranslations("states");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-56" subtitleWidth="w-96 max-w-full">
      <Skeleton className="h-[62px]" />
      <Skeleton className="h-8 w-80" />
      <Skeleton className="h-[600px]" />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <SkeletonBlocks count={4} className="h-48" />
      </div>
    </PageSkeleton>
  );
}
