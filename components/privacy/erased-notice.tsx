import { getTranslations } from "next-intl/server";
import { parseErasedNotice } from "@/lib/privacy/erase-input";

/** The notice on /customers after an erasure (the query the erase action redirects with); nothing otherwise. */
export async function ErasedNotice({ params }: { params: Record<string, string | string[] | undefined> }) {
  const notice = parseErasedNotice(params);
  if (!notice) return null;
  const t = await getTranslations("privacy.notice");
  return (
    <div role="status" className="space-y-1 rounded-lg border border-border bg-card px-4 py-3 text-sm" data-erased-notice>
      <p className="font-medium">{t("erased", { customer: notice.customer, purchases: notice.purchases, attributes: notice.attributes, scores: notice.scores })}</p>
      <p className="text-xs text-muted-foreground">{t("aggregates")}</p>
    </div>
  );
}
