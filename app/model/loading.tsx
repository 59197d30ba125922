import { getTranslations } from "next-intl/server";
import { PageSkeleton, SkeletonBlocks } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** Shaped like the model page: title, the model and data cards, the comparison, parameters, charts, heat maps. */
export default async function Loading() {
  const t = await getTranslations("states");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-32" subtitleWidth="w-[36rem] max-w-full">
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <SkeletonBlocks count={2} className="h-64" />
      </div>
      <Skeleton className="h-56" />
      <Skeleton className="h-72" />
      <div className="grid gap-6 xl:grid-cols-2">
        <SkeletonBlocks count={2} className="h-96" />
      </div>
      <Skeleton className="h-96" />
    </PageSkeleton>
  );
}
