import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("import");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-48">
      <Skeleton className="h-64" />
      <Skeleton className="h-48" />
    </PageSkeleton>
  );
}
