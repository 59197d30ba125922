import { getTranslations } from "next-intl/server";
import { CustomerTableSkeleton } from "@/components/customers/customer-table-skeleton";
import { PageSkeleton, SkeletonBlocks } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("segments");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-64" subtitleWidth="w-96" backLink>
      <Skeleton className="h-[62px]" />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SkeletonBlocks count={6} className="h-24" />
      </div>
      <Skeleton className="h-32" />
      <Skeleton className="h-80" />
      <CustomerTableSkeleton />
    </PageSkeleton>
  );
}
