import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("decisions.log");
  return (
    <div className="space-y-6" aria-busy="true" aria-label={t("loading")}>
      <div className="space-y-2">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-4 w-[32rem]" />
      </div>
      <Skeleton className="h-9 w-96" />
      {[0, 1, 2].map((key) => (
        <Skeleton key={key} className="h-32" />
      ))}
    </div>
  );
}
