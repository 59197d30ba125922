import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";

/**
 * A small count of a group's open decisions, linking to them on its drill-down; nothing when there are none.
 * `href` already ends in `#decisions`. `name` is the group's name for the link's accessible name ("2 open decisions for Champions").
 */
export async function OpenNotesBadge({
  count,
  href,
  name,
  compact = false,
  className = "",
}: {
  count: number | undefined;
  href: string;
  name: string;
  /** Only the pencil and the number (cross-table cells). */
  compact?: boolean;
  className?: string;
}) {
  if (!count) return null;
  const t = await getTranslations("decisions");
  return (
    <Link
      href={href}
      prefetch={false}
      className={`inline-flex items-center gap-1 rounded-full border border-current bg-card px-1.5 py-0.5 text-[0.7rem] font-medium leading-none text-accent hover:underline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent ${className}`}
      aria-label={t("badgeOf", { count, name })}
      title={t("badge", { count })}
      data-open-notes={count}
    >
      <span aria-hidden="true">✎</span>
      {compact ? count : t("badge", { count })}
    </Link>
  );
}

/** The link of a badge: the drill-down (with its query) at its decisions. */
export function decisionsHref(drillDownHref: string): string {
  return `${drillDownHref}#decisions`;
}
