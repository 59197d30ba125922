import { getTranslations } from "next-intl/server";
import { formatDate } from "@/lib/format";
import type { SnapshotInfo } from "@/lib/queries/snapshots";

/** How the dashed continuation is computed, in two sentences: the total is the model's, its timing an approximation. */
export async function PredictionNote({ snapshot, horizonEndDate, locale }: { snapshot: SnapshotInfo; horizonEndDate: string | null; locale: string }) {
  const t = await getTranslations("cohorts");
  if (!horizonEndDate) return <p className="text-sm text-muted-foreground">{t("noPrediction")}</p>;
  return (
    <details className="rounded-xl border border-border bg-card px-5 py-3 text-sm">
      <summary className="cursor-pointer font-medium">{t("predictionNoteTitle")}</summary>
      <p className="mt-2 text-muted-foreground">
        {t("predictionNote", {
          months: snapshot.settings.horizonMonths,
          horizonEnd: formatDate(horizonEndDate, locale),
          model: snapshot.fit.purchaseModel.label,
        })}
      </p>
    </details>
  );
}
