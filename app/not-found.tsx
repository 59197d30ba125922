import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

export default async function NotFound() {
  const t = await getTranslations("states");
  return (
    <Card className="mx-auto max-w-xl px-8 py-10 text-center">
      <h1 className="text-xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-3 text-muted-foreground">{t("notFoundText")}</p>
      <Link href="/" className="mt-6 inline-block text-accent underline">
        {t("backToOverview")}
      </Link>
    </Card>
  );
}
