/**
 * How every page that shows a snapshot's figures opens, in this order: read the database on every request
 * (never at build time), check the session and the role (before anything from the database is read or
 * rendered), then the URL's query, the number format of the user's language, and the snapshot the page
 * shows (the one in the URL, `?snapshot=12`, or the current one). Pages take their translations beside it
 * and render `PageWithoutSnapshot` when `page.snapshot` is null.
 *
 * @example
 * const [{ query, page, locale }, t] = await Promise.all([openSnapshotPage(searchParams), getTranslations("cohorts")]);
 * if (!page.snapshot) return <PageWithoutSnapshot title={t("title")} subtitle={t("subtitle")} />;
 */
import "server-only";
import { connection } from "next/server";
import { requirePermission } from "@/lib/auth/session";
import { getFormatLocale } from "@/lib/i18n/format-locale";
import { resolvePageSnapshot, type PageSnapshot } from "@/lib/queries/page-snapshot";
import type { SearchParamsInput } from "@/lib/filters/customer-filter";

export interface OpenedSnapshotPage<Q> {
  /** The URL's query. */
  query: Q;
  /** The snapshot to show, the current one's id, and an id asked for that does not exist. */
  page: PageSnapshot;
  /** The number and date format of the user's language (`nl-NL`, `en-GB`). */
  locale: string;
}

export async function openSnapshotPage<Q extends SearchParamsInput>(searchParams: Promise<Q>): Promise<OpenedSnapshotPage<Q>> {
  await connection();
  await requirePermission("browse"); // signed in, with a role that may browse (lib/auth/roles.ts)
  const [query, locale] = await Promise.all([searchParams, getFormatLocale()]);
  return { query, locale, page: await resolvePageSnapshot(query) };
}
