import { getTranslations } from "next-intl/server";
import { CustomerTableSkeleton } from "@/components/customers/customer-table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("customerTable");
  return (
    <div className="space-y-6" aria-busy="true" aria-label={t("loading")}>
      <div className="space-y-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-96" />
      </div>
      <Skeleton className="h-[62px]" />
      <CustomerTableSkeleton />
    </div>
  );
}
