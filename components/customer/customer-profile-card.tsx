import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { attributeLabel, formatDate } from "@/lib/format";
import type { CustomerAttributeRow, CustomerDetails } from "@/lib/queries/customer-profile";

/**
 * Who the customer is (contact, place, how they came in) and the soft data recorded about them.
 * `personalDataHidden`: the privacy setting hides the e-mail address from the reader (the row carries none).
 */
export async function CustomerProfileCard({
  customer,
  attributes,
  locale,
  personalDataHidden = false,
}: {
  customer: CustomerDetails;
  attributes: CustomerAttributeRow[];
  locale: string;
  personalDataHidden?: boolean;
}) {
  const [t, tMasking] = await Promise.all([getTranslations("customers"), getTranslations("privacy.masking")]);
  const facts: [string, string | null][] = [
    [t("email"), personalDataHidden ? tMasking("hidden") : customer.email],
    [t("country"), customer.country],
    [t("city"), customer.city],
    [t("acquisitionChannel"), customer.channel],
    [t("firstSeen"), customer.firstSeenDate ? formatDate(customer.firstSeenDate, locale) : null],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("profileTitle")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6 sm:grid-cols-2">
        <FactList label={t("profileTitle")} facts={facts} unknown={t("unknown")} />
        <div>
          <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("softData")}</h3>
          {attributes.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("noSoftData")}</p>
          ) : (
            <FactList label={t("softData")} facts={attributes.map((a) => [attributeLabel(a.key), a.value])} unknown={t("unknown")} />
          )}
        </div>
      </CardContent>
    </Card>
  );
}

function FactList({ label, facts, unknown }: { label: string; facts: [string, string | null][]; unknown: string }) {
  return (
    <dl aria-label={label} className="grid content-start grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-1.5 text-sm">
      {facts.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-muted-foreground">{name}</dt>
          <dd className="break-words">{value ?? unknown}</dd>
        </div>
      ))}
    </dl>
  );
}

