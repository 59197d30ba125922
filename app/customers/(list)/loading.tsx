import { getTranslations } from "next-intl/server";
import { CustomerTableSkeleton } from "@/components/customers/customer-table-skeleton";
import { PageSkeleton } from "@/components/states/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("customerTable");
  return (
    <PageSkeleton label={t("loading")} titleWidth="w-40" subtitleWidth="w-96">
      <Skeleton className="h-[62px]" />
      <CustomerTableSkeleton />
    </PageSkeleton>
  );
}
