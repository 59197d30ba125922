import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { IfAllowed } from "@/components/auth/if-allowed";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** Fewer than two snapshots: nothing to compare yet, and how to make another one. */
export async function EmptyHistory() {
  const t = await getTranslations("history");
  return (
    <Card data-section="history-empty">
      <CardHeader className="pb-5">
        <CardTitle>{t("empty.title")}</CardTitle>
        <CardDescription>{t("empty.text")}</CardDescription>
        <p className="mt-2 flex flex-wrap gap-6 text-sm">
          <IfAllowed permission="import">
            <Link href="/import" className="text-accent underline">
              {t("empty.import")}
            </Link>
          </IfAllowed>
          <IfAllowed permission="settings">
            <Link href="/settings" className="text-accent underline">
              {t("empty.settings")}
            </Link>
          </IfAllowed>
        </p>
      </CardHeader>
    </Card>
  );
}
