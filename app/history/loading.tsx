import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("history");
  return (
    <div className="space-y-6" aria-busy="true" aria-label={t("loading")}>
      <div className="space-y-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-2/3" />
      </div>
      <Skeleton className="h-64" />
      <Skeleton className="h-56" />
      <Skeleton className="h-8 w-2/3" />
      <Skeleton className="h-96" />
      <Skeleton className="h-96" />
    </div>
  );
}
