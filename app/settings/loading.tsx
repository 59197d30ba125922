import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("settings");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-40">
      <Skeleton className="h-28" />
      <Skeleton className="h-[36rem]" />
      <Skeleton className="h-48" />
      <Skeleton className="h-44" />
    </PageSkeleton>
  );
}
