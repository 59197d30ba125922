import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("segments");
  return (
    <div className="space-y-6" aria-busy="true" aria-label={t("loading")}>
      <div className="space-y-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-[32rem]" />
      </div>
      <Skeleton className="h-[62px]" />
      <Skeleton className="h-[26rem]" />
      <Skeleton className="h-72" />
      <Skeleton className="h-[36rem]" />
    </div>
  );
}
