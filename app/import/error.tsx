"use client";

import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { errorBoundaryMessage } from "@/lib/security/public-error";

export default function ImportError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("import");
  return (
    <Card className="mx-auto max-w-xl px-8 py-10 text-center" role="alert">
      <h1 className="text-xl font-semibold">{t("errorTitle")}</h1>
      <p className="mt-3 text-muted-foreground">{errorBoundaryMessage(error, t("errorFallback"))}</p>
      <p className="mt-1 text-sm text-muted-foreground">{t("errorNothingChanged")}</p>
      {error.digest ? <p className="mt-1 text-xs text-muted-foreground">{t("errorReference", { digest: error.digest })}</p> : null}
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground hover:opacity-90">
        {t("tryAgain")}
      </button>
    </Card>
  );
}
