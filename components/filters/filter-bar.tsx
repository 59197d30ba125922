"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition, type FormEvent } from "react";
import { FILTER_PARAMS, countFilterConditions, type CustomerFilter } from "@/lib/filters/customer-filter";
import { FILTER_FIELDS, type FilterField } from "@/lib/filters/filter-fields";
import type { FilterOptions } from "@/lib/queries/filter-options";
import { RFM_SEGMENT_KEYS } from "@/lib/scoring/rfm-segments";
import { QUADRANT_KEYS } from "@/lib/settings/schema";

export type { FilterField };

/** Parameters reset when the filter changes (the page number would point past the end). */
const RESET_ON_CHANGE = ["page"];

const fieldClass = "h-9 rounded-md border border-border bg-card px-2 text-sm text-foreground";

/**
 * The filter bar: every choice goes into the URL (so a shared link opens the same view). Works as a plain
 * GET form without JavaScript; with JavaScript a change applies at once and empty fields stay out of the URL.
 */
export function FilterBar({
  filter,
  options,
  tierNames,
  quadrantNames,
  fields = FILTER_FIELDS,
}: {
  filter: CustomerFilter;
  options: FilterOptions;
  /** Tier names by tier number (1 = most valuable), from the snapshot's settings. */
  tierNames: string[];
  quadrantNames: Record<string, string>;
  fields?: readonly FilterField[];
}) {
  const t = useTranslations("filters");
  const tRfm = useTranslations("rfm");
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const show = (field: FilterField) => fields.includes(field);
  const attributeValue = (key: string) => filter.attributes?.find((condition) => condition.key === key)?.value ?? "";
  const active = countFilterConditions(filter);

  function apply(form: HTMLFormElement) {
    const data = new FormData(form);
    const params = new URLSearchParams();
    // Keep what the filter does not own (snapshot, sort, scale, ...), drop what it rewrites.
    searchParams.forEach((value, name) => {
      if (!(FILTER_PARAMS as readonly string[]).includes(name) && !RESET_ON_CHANGE.includes(name)) params.append(name, value);
    });
    for (const [name, value] of data.entries()) {
      if (typeof value !== "string" || value.trim() === "") continue;
      if (name.startsWith("attr:")) params.append("attr", `${name.slice(5)}:${value}`);
      else params.append(name, value.trim());
    }
    const query = params.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(event.currentTarget);
  }

  function clear() {
    const params = new URLSearchParams();
    searchParams.forEach((value, name) => {
      if (!(FILTER_PARAMS as readonly string[]).includes(name) && !RESET_ON_CHANGE.includes(name)) params.append(name, value);
    });
    const query = params.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  const select = (name: string, label: string, value: string, choices: { value: string; label: string }[]) => (
    <label className="flex flex-col gap-1 text-xs text-muted-foreground">
      {label}
      <select name={name} defaultValue={value} className={fieldClass} onChange={(event) => apply(event.currentTarget.form!)}>
        <option value="">{t("any")}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form
      role="search"
      aria-label={t("label")}
      method="get"
      onSubmit={onSubmit}
      // Re-mount when the URL changes (back button, a link) so the fields show the filter in the URL.
      key={searchParams.toString()}
      className="rounded-xl border border-border bg-card px-4 py-3"
      aria-busy={pending}
      data-filter-bar
    >
      <div className="flex flex-wrap items-end gap-3">
        {show("tier")
          ? select(
              "tier",
              t("tier"),
              filter.tier === undefined ? "" : String(filter.tier),
              tierNames.map((name, index) => ({ value: String(index + 1), label: name })),
            )
          : null}
        {show("rfm") ? select("rfm", t("rfm"), filter.segment ?? "", RFM_SEGMENT_KEYS.map((key) => ({ value: key, label: tRfm(`${key}.name`) }))) : null}
        {show("quadrant")
          ? select("quadrant", t("quadrant"), filter.quadrant ?? "", QUADRANT_KEYS.map((key) => ({ value: key, label: quadrantNames[key] ?? key })))
          : null}
        {show("channel") && options.channels.length > 0
          ? select("channel", t("channel"), filter.channel ?? "", options.channels.map((choice) => ({ value: choice.value, label: choice.value })))
          : null}
        {show("country") && options.countries.length > 0
          ? select("country", t("country"), filter.country ?? "", options.countries.map((choice) => ({ value: choice.value, label: choice.value })))
          : null}
        {show("attributes")
          ? options.attributes.map((attribute) => (
              <div key={attribute.key}>
                {select(
                  `attr:${attribute.key}`,
                  attribute.key,
                  attributeValue(attribute.key),
                  attribute.values.map((choice) => ({ value: choice.value, label: choice.value })),
                )}
              </div>
            ))
          : null}
        {show("dates") ? (
          <>
            <label className="flex flex-col gap-1 text-xs text-muted-foreground">
              {t("from")}
              <input type="date" name="from" defaultValue={filter.acquiredFrom ?? ""} className={fieldClass} onChange={(event) => apply(event.currentTarget.form!)} />
            </label>
            <label className="flex flex-col gap-1 text-xs text-muted-foreground">
              {t("to")}
              <input type="date" name="to" defaultValue={filter.acquiredTo ?? ""} className={fieldClass} onChange={(event) => apply(event.currentTarget.form!)} />
            </label>
          </>
        ) : null}
        {show("search") ? (
          <label className="flex flex-col gap-1 text-xs text-muted-foreground">
            {t("search")}
            <input type="search" name="q" defaultValue={filter.search ?? ""} placeholder={t("searchPlaceholder")} className={`${fieldClass} w-56`} />
          </label>
        ) : null}
        <div className="flex items-center gap-3 pb-0.5">
          <button type="submit" className="h-9 rounded-md bg-accent px-3 text-sm font-medium text-accent-foreground">
            {t("apply")}
          </button>
          {active > 0 ? (
            <>
              <button type="button" onClick={clear} className="text-sm text-accent underline">
                {t("clear")}
              </button>
              <span className="text-xs text-muted-foreground" data-active-filters={active}>
                {t("active", { count: active })}
              </span>
            </>
          ) : null}
        </div>
      </div>
    </form>
  );
}
