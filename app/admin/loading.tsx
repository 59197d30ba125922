import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** The admin pages (users, audit trail) while they load. */
export default async function Loading() {
  const t = await getTranslations("states");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-48">
      <Skeleton className="h-64" />
      <Skeleton className="h-48" />
    </PageSkeleton>
  );
}
