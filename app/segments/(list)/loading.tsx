import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("segments");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-40" subtitleWidth="w-[32rem]">
      <Skeleton className="h-[62px]" />
      <Skeleton className="h-[26rem]" />
      <Skeleton className="h-72" />
      <Skeleton className="h-[36rem]" />
    </PageSkeleton>
  );
}
