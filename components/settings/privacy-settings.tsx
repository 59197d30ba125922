import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can, type Role } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { PERSONAL_DATA_AUDIENCES, seesPersonalData } from "@/lib/privacy/masking";
import type { PrivacySettings } from "@/lib/privacy/masking-settings";
import { PrivacySettingsForm } from "./privacy-settings-form";

/**
 * The "Personal data" section of /settings: who sees customers' names and e-mail addresses. An admin changes it;
 * everyone else reads the current rule (an analyst may change the model settings, not unmask themselves).
 */
export async function PrivacySettingsSection({ settings, role, locale }: { settings: PrivacySettings; role: Role; locale: string }) {
  const t = await getTranslations("privacy.setting");
  const audience = settings.personalDataAudience;
  return (
    <Card data-section="privacy-settings">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        {can(role, "personalData") ? (
          <PrivacySettingsForm
            audience={audience}
            texts={{
              legend: t("legend"),
              audiences: Object.fromEntries(PERSONAL_DATA_AUDIENCES.map((value) => [value, t(`audiences.${value}`)])) as Record<(typeof PERSONAL_DATA_AUDIENCES)[number], string>,
              save: t("save"),
              pending: t("pending"),
            }}
          />
        ) : (
          <div className="space-y-1" data-privacy-read-only>
            <p className="font-medium">{t("current", { audience: t(`audiences.${audience}`) })}</p>
            <p className="text-muted-foreground">
              {seesPersonalData(role, audience) ? t("youSee") : t("youSeeNumbers")} {t("readOnly")}
            </p>
          </div>
        )}
        <p className="text-xs text-muted-foreground">
          {t("adminsAlways")}
          {settings.updatedAt ? ` ${t("updatedAt", { date: formatDate(settings.updatedAt.slice(0, 10), locale) })}` : ""}
        </p>
      </CardContent>
    </Card>
  );
}
