import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { describeAuditEvent } from "@/components/audit/describe-event";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { AuditEventRow } from "@/db/schema";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/events";
import { requirePermission } from "@/lib/auth/session";
import { formatCount, formatDateTimeUtc } from "@/lib/format";
import { getFormatLocale } from "@/lib/i18n/format-locale";
import { listAuditActors, listAuditEvents, parseAuditQuery, type AuditQuery } from "@/lib/queries/audit-events";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

function pageHref(query: AuditQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.action) params.set("action", query.action);
  if (query.actor) params.set("actor", query.actor);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `/admin/audit?${text}` : "/admin/audit";
}

/** What an event concerned: the file, user or list; for a list export also the filters it was taken with. */
function concerning(event: AuditEventRow): string {
  const query = event.action === "customerListExported" && typeof event.details?.query === "string" ? event.details.query : "";
  return [event.target ?? "", query ? `(${decodeURIComponent(query.replaceAll("+", " "))})` : ""].filter(Boolean).join(" ");
}

/** `/admin/audit` (admins only): the audit trail, newest first, filtered by what and who (`action`, `actor`, `page` in the URL). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await requirePermission("audit");
  const query = parseAuditQuery(await searchParams);
  const [t, tAuth, locale] = await Promise.all([getTranslations("audit"), getTranslations("auth"), getFormatLocale()]);
  const { events, total } = await listAuditEvents(query);
  const actors = await listAuditActors();
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const filtered = Boolean(query.action || query.actor);
  const select = "mt-1 block w-56 rounded-md border border-border bg-background px-2 py-1.5 text-sm";

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} subtitle={t("description")} />
      <form method="get" action="/admin/audit" aria-label={t("filters.label")} className="flex flex-wrap items-end gap-4">
        <label className="text-sm font-medium">
          {t("filters.action")}
          <select name="action" defaultValue={query.action ?? ""} className={select}>
            <option value="">{t("filters.all")}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`actions.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          {t("filters.actor")}
          <select name="actor" defaultValue={query.actor ?? ""} className={select}>
            <option value="">{t("filters.everyone")}</option>
            {actors.map((actor) => (
              <option key={actor} value={actor}>
                {actor}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-foreground">
          {t("filters.apply")}
        </button>
        {filtered ? (
          <Link href="/admin/audit" className="text-sm text-accent underline">
            {t("filters.clear")}
          </Link>
        ) : null}
      </form>
      <Card>
        <CardHeader>
          <CardTitle id="audit-title">{t("table.title")}</CardTitle>
          <CardDescription>{t("table.count", { count: total })}</CardDescription>
        </CardHeader>
        <CardContent className="overflow-x-auto">
          {events.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-audit-empty>
              {filtered ? t("noMatch") : t("empty")}
            </p>
          ) : (
            <table aria-labelledby="audit-title" className="w-full text-sm" data-audit-table>
              <thead>
                <tr className="border-b border-border text-left text-muted-foreground [&>th]:py-2 [&>th]:pr-4 [&>th]:font-medium">
                  <th scope="col">{t("table.when")}</th>
                  <th scope="col">{t("table.who")}</th>
                  <th scope="col">{t("table.what")}</th>
                  <th scope="col">{t("table.target")}</th>
                  <th scope="col">{t("table.details")}</th>
                </tr>
              </thead>
              <tbody className="[&_td]:py-2 [&_td]:pr-4 [&_td]:align-top">
                {events.map((event) => (
                  <tr key={event.id} className="border-b border-border last:border-0" data-audit-action={event.action}>
                    <td className="whitespace-nowrap tabular-nums">
                      <time dateTime={event.at}>{formatDateTimeUtc(event.at, locale)}</time>
                    </td>
                    <td className="whitespace-nowrap">
                      <span>{event.actor}</span>
                      <span className="block text-xs text-muted-foreground">
                        {[event.actorRole && ["viewer", "analyst", "admin"].includes(event.actorRole) ? tAuth(`roles.${event.actorRole as "viewer" | "analyst" | "admin"}`) : null, t(`table.${event.source}`)].filter(Boolean).join(" · ")}
                      </span>
                    </td>
                    <td className="whitespace-nowrap font-medium">{isAuditAction(event.action) ? t(`actions.${event.action}`) : event.action}</td>
                    <td className="[overflow-wrap:anywhere]">{concerning(event)}</td>
                    <td>{describeAuditEvent(event, t, tAuth, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </CardContent>
      </Card>
      {pages > 1 ? (
        <nav aria-label={t("pages.label")} className="flex items-center gap-4 text-sm">
          {query.page > 1 ? (
            <Link href={pageHref(query, query.page - 1)} className="text-accent underline">
              ← {t("pages.previous")}
            </Link>
          ) : null}
          <span className="tabular-nums text-muted-foreground">{t("pages.page", { page: formatCount(query.page, locale), pages: formatCount(pages, locale) })}</span>
          {query.page < pages ? (
            <Link href={pageHref(query, query.page + 1)} className="text-accent underline">
              {t("pages.next")} →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
