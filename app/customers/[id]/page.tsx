import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { AliveSection, TimelineSection } from "@/components/customer/customer-charts";
import { CustomerKpis } from "@/components/customer/customer-kpis";
import { CustomerProfileCard } from "@/components/customer/customer-profile-card";
import { CustomerStanding } from "@/components/customer/customer-standing";
import { HistoryTable } from "@/components/customer/history-table";
import { customerHref, snapshotQuery } from "@/components/customer/links";
import { NotScoredNote } from "@/components/customer/not-scored-note";
import { PersonalDataCard } from "@/components/privacy/personal-data-card";
import { averageOrder, timelineData } from "@/components/customer/timeline-data";
import { TransactionsTable } from "@/components/customer/transactions-table";
import { NoSnapshot } from "@/components/states/no-snapshot";
import { SnapshotNote } from "@/components/states/snapshot-note";
import { PageHeader } from "@/components/ui/page-header";
import { DEFAULT_CURRENCY, formatDate } from "@/lib/format";
import type { SearchParamsInput } from "@/lib/filters/customer-filter";
import { getFormatLocale } from "@/lib/i18n/format-locale";
import { customerAliveCurve } from "@/lib/queries/customer-profile-alive";
import { getCustomer, getCustomerProfile, parseCustomerId } from "@/lib/queries/customer-profile";
import { resolvePageSnapshot } from "@/lib/queries/page-snapshot";
import { maySee, requirePermission } from "@/lib/auth/session";
import { NamesHiddenNote } from "@/components/privacy/names-hidden-note";
import { maskCustomer } from "@/lib/privacy/masking";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";

interface CustomerPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParamsInput>;
}

const TRANSACTIONS_SHOWN = 200;

export async function generateMetadata({ params }: CustomerPageProps): Promise<Metadata> {
  await connection();
  const t = await getTranslations("customers");
  if (!(await maySee("browse"))) return {}; // the customer's name only after the session and role are checked
  const id = parseCustomerId((await params).id);
  const found = id === null ? null : await getCustomer(id);
  const customer = found ? maskCustomer(found, (await getPersonalDataAccess()).visible) : null;
  return customer ? { title: t("metaTitle", { name: customer.name ?? customer.externalId }) } : {};
}

/** Customer 360: one customer's value, chances, standing, history and transactions, as of a snapshot. */
export default async function CustomerPage({ params, searchParams }: CustomerPageProps) {
  await connection(); // read the database on every request, never at build time
  await requirePermission("browse"); // signed in, with a role that may browse (lib/auth/roles.ts)
  const [{ id: idText }, query] = await Promise.all([params, searchParams]);
  const id = parseCustomerId(idText);
  if (id === null) notFound();
  const page = await resolvePageSnapshot(query);
  const { snapshot } = page;
  const { visible } = await getPersonalDataAccess(); // names and e-mail addresses, or the customer number only
  const profile = await getCustomerProfile(id, snapshot?.id ?? null, { transactionLimit: TRANSACTIONS_SHOWN, personalData: visible });
  if (!profile) notFound();
  const [t, locale] = await Promise.all([getTranslations("customers"), getFormatLocale()]);
  const { customer, score } = profile;
  const currency = snapshot?.summary.currency ?? DEFAULT_CURRENCY;
  const netRule = snapshot ? { source: snapshot.fit.margin.source, profitMargin: snapshot.settings.profitMargin } : { source: "costs" as const, profitMargin: 1 };
  const drillQuery = snapshot ? snapshotQuery(snapshot.id, page.currentId) : "";

  return (
    <div className="space-y-6">
      <nav aria-label={t("backToList")}>
        <Link href="/customers" className="text-sm text-accent underline">
          ← {t("backToList")}
        </Link>
      </nav>
      <div className="space-y-2">
        <PageHeader
          title={visible ? (customer.name ?? t("unnamed")) : t("customerNumber", { number: customer.externalId })}
          subtitle={visible ? t("customerNumber", { number: customer.externalId }) : undefined}
        />
        <SnapshotNote page={page} locale={locale} currentHref={customerHref(customer.id)} />
        {visible ? null : <NamesHiddenNote search={false} />}
      </div>
      {!snapshot ? (
        <NoSnapshot />
      ) : score ? (
        <>
          <CustomerKpis score={score} snapshot={snapshot} ownAverage={averageOrder(profile.days, snapshot.asOfDate)} locale={locale} />
          <p className="text-xs text-muted-foreground" data-estimate-note>
            {t("estimateNote", { model: snapshot.fit.purchaseModel.label, date: formatDate(snapshot.asOfDate, locale) })}
          </p>
          <CustomerStanding score={score} snapshot={snapshot} query={drillQuery} />
        </>
      ) : (
        <NotScoredNote days={profile.days} transactionCount={profile.transactionCount} asOfDate={snapshot.asOfDate} locale={locale} />
      )}
      <CustomerProfileCard customer={customer} attributes={profile.attributes} locale={locale} personalDataHidden={!visible} />
      <TimelineSection data={timelineData(profile.days, netRule)} asOfDate={snapshot?.asOfDate ?? null} currency={currency} locale={locale} />
      {snapshot && score ? <AliveSection curve={customerAliveCurve(profile.days, snapshot)} asOfDate={snapshot.asOfDate} locale={locale} /> : null}
      <TransactionsTable rows={profile.transactions} total={profile.transactionCount} currency={currency} locale={locale} />
      <HistoryTable
        customerId={customer.id}
        rows={profile.history}
        shownId={snapshot?.id ?? null}
        currentId={page.currentId}
        currency={currency}
        locale={locale}
      />
      <PersonalDataCard customer={customer} transactionCount={profile.transactionCount} />
    </div>
  );
}
