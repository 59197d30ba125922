import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/roles";
import { getSignedInUser } from "@/lib/auth/session";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EraseCustomerForm } from "./erase-customer-form";

/**
 * The customer page's "Personal data" card: download everything held about the customer (right of access)
 * and erase them (right to erasure), with a confirmation step. Shown to admins only: the other roles do not
 * answer data-subject requests (the route and the action check again).
 */
export async function PersonalDataCard({ customer, transactionCount }: { customer: { id: number; externalId: string; name: string | null }; transactionCount: number }) {
  if (!can((await getSignedInUser())?.role, "personalData")) return null;
  const t = await getTranslations("privacy");
  const label = customer.name ? `${customer.name} (${customer.externalId})` : customer.externalId;
  return (
    <Card aria-labelledby="personal-data-title" data-section="personal-data">
      <CardHeader>
        <CardTitle id="personal-data-title">{t("card.title")}</CardTitle>
        <CardDescription>{t("card.description")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="space-y-1">
          <a
            href={`/api/customers/${customer.id}/personal-data`}
            download
            className="inline-flex h-9 items-center gap-2 rounded-md border border-border bg-card px-3 text-sm font-medium hover:bg-muted"
            aria-describedby="personal-data-download-hint"
            data-download-personal-data
          >
            <span aria-hidden="true">⤓</span>
            {t("card.download")}
          </a>
          <p id="personal-data-download-hint" className="text-xs text-muted-foreground">
            {t("card.downloadHint")}
          </p>
        </div>
        <EraseCustomerForm
          customerId={customer.id}
          texts={{
            open: t("erase.open"),
            heading: t("erase.heading", { customer: label }),
            warning: t("erase.warning", { purchases: transactionCount }),
            aggregates: t("erase.aggregates"),
            confirmLabel: t("erase.confirmLabel", { number: customer.externalId }),
            submit: t("erase.submit"),
            pending: t("erase.pending"),
            cancel: t("erase.cancel"),
          }}
        />
      </CardContent>
    </Card>
  );
}
