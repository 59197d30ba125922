import { getTranslations } from "next-intl/server";
import { PageSkeleton, SkeletonBlocks } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("history");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-40" subtitleWidth="w-2/3">
      <Skeleton className="h-64" />
      <Skeleton className="h-56" />
      <Skeleton className="h-8 w-2/3" />
      <SkeletonBlocks count={2} className="h-96" />
    </PageSkeleton>
  );
}
