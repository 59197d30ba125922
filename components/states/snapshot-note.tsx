import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { formatDate } from "@/lib/format";
import type { PageSnapshot } from "@/lib/queries/page-snapshot";
import { CopyLinkButton } from "./copy-link-button";

/**
 * One line under a page title: which snapshot the figures come from, "Copy link" (the view pinned to
 * that snapshot), and a way back to the current figures when the URL points at an older or a deleted one.
 */
export async function SnapshotNote({ page, locale, currentHref }: { page: PageSnapshot; locale: string; currentHref: string }) {
  const t = await getTranslations("snapshot");
  const { snapshot, currentId, missingId } = page;
  if (!snapshot) return null;
  const older = snapshot.id !== currentId;
  return (
    <div className="space-y-1 text-xs text-muted-foreground" data-snapshot-id={snapshot.id}>
      {missingId !== null ? (
        <p role="status" className="text-warning">
          {t("missingSnapshot", { id: missingId })}
        </p>
      ) : null}
      {older ? (
        <p role="status">
          {t("olderSnapshot", { date: formatDate(snapshot.asOfDate, locale) })}{" "}
          <Link href={currentHref} className="text-accent underline">
            {t("toCurrent")}
          </Link>
        </p>
      ) : null}
      <p className="flex flex-wrap items-center gap-3">
        <span>{t("asOf", { date: formatDate(snapshot.asOfDate, locale), id: snapshot.id })}</span>
        <CopyLinkButton snapshotId={snapshot.id} />
      </p>
    </div>
  );
}
