import { getTranslations } from "next-intl/server";
import { PageSkeleton, SkeletonBlocks } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** The customer page's shape while it loads: header, eight figures, standing, profile, two charts, tables. */
export default async function Loading() {
  const t = await getTranslations("states");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-64" subtitleWidth="w-40" backLink>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SkeletonBlocks count={8} className="h-28" />
      </div>
      <Skeleton className="h-48" />
      <Skeleton className="h-40" />
      <Skeleton className="h-96" />
      <Skeleton className="h-80" />
      <Skeleton className="h-64" />
    </PageSkeleton>
  );
}
