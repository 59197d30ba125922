import { Link } from "@/components/ui/link";
import { IfAllowed } from "@/components/auth/if-allowed";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";

/** Shown when the database holds no customers yet: says how to get data in, never an error. */
export async function EmptyOverview() {
  const t = await getTranslations("overview");
  return (
    <Card className="mx-auto max-w-2xl px-8 py-10 text-center">
      <h2 className="text-xl font-semibold">{t("emptyTitle")}</h2>
      <p className="mt-3 text-muted-foreground">{t("emptyText")}</p>
      <IfAllowed
        permission="import"
        fallback={
          <p className="mt-6 text-sm" data-state="empty-viewer">
            {t("emptyViewer")}
          </p>
        }
      >
        <ul className="mt-6 space-y-3 text-left text-sm">
          <li>
            <span className="font-medium">{t("emptyDemoLabel")}</span>{" "}
            {t.rich("emptyDemoText", { command: (chunks) => <Code>{chunks}</Code> })}
          </li>
          <li>
            <span className="font-medium">{t("emptyImportLabel")}</span>{" "}
            {t.rich("emptyImportText", {
              link: (chunks) => (
                <Link href="/import" className="text-accent underline">
                  {chunks}
                </Link>
              ),
              command: (chunks) => <Code>{chunks}</Code>,
            })}
          </li>
        </ul>
      </IfAllowed>
    </Card>
  );
}
