import { Suspense, type ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { WidgetErrorBoundary } from "./widget-error-boundary";

/**
 * How a widget that reads its own data sits on a page (README, "Where data is fetched"): in its own
 * Suspense boundary with a skeleton of its size, so a slow read does not hold back the rest of the page,
 * and in its own error boundary, so a failed read shows a short notice in its place instead of the page's
 * error screen. Only the server widgets the README lists read data themselves; everything else gets props.
 */
export async function ServerWidget({ skeleton, children }: { skeleton: ReactNode; children: ReactNode }) {
  const t = await getTranslations("states");
  const failed = (
    <Card role="alert" className="px-5 py-4 text-sm text-muted-foreground" data-state="widget-failed">
      {t("widgetFailed")}
    </Card>
  );
  return (
    <WidgetErrorBoundary fallback={failed}>
      <Suspense fallback={skeleton}>{children}</Suspense>
    </WidgetErrorBoundary>
  );
}
