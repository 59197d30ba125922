import { getTranslations } from "next-intl/server";
import { PageSkeleton, SkeletonBlocks } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("decisions.log");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-48" subtitleWidth="w-[32rem]">
      <Skeleton className="h-9 w-96" />
      <SkeletonBlocks count={3} className="h-32" />
    </PageSkeleton>
  );
}
