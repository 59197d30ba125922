import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

export default async function Loading() {
  const t = await getTranslations("settings");
  return (
    <div className="space-y-6" aria-busy="true" aria-label={t("loading")}>
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-28" />
      <Skeleton className="h-[36rem]" />
      <Skeleton className="h-48" />
      <Skeleton className="h-44" />
    </div>
  );
}
