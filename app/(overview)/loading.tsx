import { getTranslations } from "next-intl/server";
import { PageSkeleton, SkeletonBlocks } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("states");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-48">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <SkeletonBlocks count={7} className="h-28" />
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <SkeletonBlocks count={2} className="h-96" />
      </div>
      <Skeleton className="h-96" />
    </PageSkeleton>
  );
}
