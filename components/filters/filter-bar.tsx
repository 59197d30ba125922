"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useTransition, type FormEvent } from "react";
import { ATTRIBUTE_FIELD_PREFIX, countFilterConditions, isFilterParam, type CustomerFilter } from "@/lib/filters/customer-filter";
import { FILTER_FIELDS, type FilterField } from "@/lib/filters/filter-fields";
import { attributeLabel } from "@/lib/format";
import type { FilterOptions } from "@/lib/queries/filter-options";
import { RFM_SEGMENT_KEYS } from "@/lib/scoring/rfm-segments";
import { QUADRANT_KEYS } from "@/lib/settings/schema";
import { DateField, SelectField } from "./filter-inputs";

export type { FilterField };

/** Parameters reset when the filter changes (the page number would point past the end). */
const RESET_ON_CHANGE = ["page"];

/** The name of the field that had the focus when the filter was applied; focused again after the page renders. */
let refocusField: string | null = null;

/** The URL parameters the filter does not own (snapshot, sort, heat, ...), which a change keeps. */
function keptParams(searchParams: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  searchParams.forEach((value, name) => {
    if (!isFilterParam(name) && !RESET_ON_CHANGE.includes(name)) kept.append(name, value);
  });
  return kept;
}

/**
 * The filter bar: every choice goes into the URL (so a shared link opens the same view). Works as a plain
 * GET form without JavaScript (hidden fields keep the snapshot, sort and other parameters); with JavaScript
 * a choice applies at once, empty fields stay out of the URL, and the field in use keeps the keyboard focus.
 */
export function FilterBar({
  filter,
  options,
  tierNames,
  quadrantNames,
  fields = FILTER_FIELDS,
  searchNumbersOnly = false,
}: {
  filter: CustomerFilter;
  options: FilterOptions;
  /** Tier names by tier number (1 = most valuable), from the snapshot's settings. */
  tierNames: string[];
  quadrantNames: Record<string, string>;
  fields?: readonly FilterField[];
  /** The reader may not see names (lib/privacy/masking.ts): the search box finds customer numbers only. */
  searchNumbersOnly?: boolean;
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

  // The form is re-created whenever the URL changes (below), so that its fields show the filter in the URL
  // also after the back button or a link. After a change made here, the field that was in use gets the
  // keyboard focus back (a keyboard user changing a select would otherwise be thrown out of the form).
  const query = searchParams.toString();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const name = refocusField;
    refocusField = null;
    const element = name ? formRef.current?.elements.namedItem(name) : null;
    if (element instanceof HTMLElement) element.focus();
  }, [query]);

  function navigate(params: URLSearchParams) {
    const next = params.toString();
    startTransition(() => router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false }));
  }

  /**
   * `fieldInUse`: the select just changed. Without it (a date field that lost the focus, the search box's submit) the
   * field that has the focus now is the one to give it back to.
   */
  function apply(form: HTMLFormElement, fieldInUse?: HTMLSelectElement) {
    const params = keptParams(searchParams);
    for (const [name, value] of new FormData(form).entries()) {
      if (typeof value !== "string" || value.trim() === "" || !isFilterParam(name)) continue;
      if (name.startsWith(ATTRIBUTE_FIELD_PREFIX)) params.append("attr", `${name.slice(ATTRIBUTE_FIELD_PREFIX.length)}:${value}`);
      else params.append(name, value.trim());
    }
    const focused = fieldInUse ?? document.activeElement;
    refocusField = focused instanceof HTMLInputElement || focused instanceof HTMLSelectElement ? focused.name || null : null;
    navigate(params);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(event.currentTarget);
  }

  const onChange = (form: HTMLFormElement, fieldInUse?: HTMLSelectElement) => apply(form, fieldInUse);
  const hidden: [string, string][] = [];
  keptParams(searchParams).forEach((value, name) => hidden.push([name, value]));

  return (
    <form
      role="search"
      aria-label={t("label")}
      method="get"
      action={pathname}
      onSubmit={onSubmit}
      ref={formRef}
      key={query}
      className="rounded-xl border border-border bg-card px-4 py-3"
      aria-busy={pending}
      data-filter-bar
    >
      {hidden.map(([name, value], index) => (
        <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-3">
        {show("tier") ? (
          <SelectField
            name="tier"
            label={t("tier")}
            any={t("any")}
            value={filter.tier === undefined ? "" : String(filter.tier)}
            choices={tierNames.map((name, index) => ({ value: String(index + 1), label: name }))}
            onChange={onChange}
          />
        ) : null}
        {show("rfm") ? (
          <SelectField
            name="rfm"
            label={t("rfm")}
            any={t("any")}
            value={filter.segment ?? ""}
            choices={RFM_SEGMENT_KEYS.map((key) => ({ value: key, label: tRfm(`${key}.name`) }))}
            onChange={onChange}
          />
        ) : null}
        {show("quadrant") ? (
          <SelectField
            name="quadrant"
            label={t("quadrant")}
            any={t("any")}
            value={filter.quadrant ?? ""}
            choices={QUADRANT_KEYS.map((key) => ({ value: key, label: quadrantNames[key] ?? key }))}
            onChange={onChange}
          />
        ) : null}
        {show("channel") && options.channels.length > 0 ? (
          <SelectField
            name="channel"
            label={t("channel")}
            any={t("any")}
            value={filter.channel ?? ""}
            choices={options.channels.map((choice) => ({ value: choice.value, label: choice.value }))}
            onChange={onChange}
          />
        ) : null}
        {show("country") && options.countries.length > 0 ? (
          <SelectField
            name="country"
            label={t("country")}
            any={t("any")}
            value={filter.country ?? ""}
            choices={options.countries.map((choice) => ({ value: choice.value, label: choice.value }))}
            onChange={onChange}
          />
        ) : null}
        {show("attributes")
          ? options.attributes.map((attribute) => (
              <SelectField
                key={attribute.key}
                name={`${ATTRIBUTE_FIELD_PREFIX}${attribute.key}`}
                label={attributeLabel(attribute.key)}
                any={t("any")}
                value={attributeValue(attribute.key)}
                choices={attribute.values.map((choice) => ({ value: choice.value, label: choice.value }))}
                onChange={onChange}
              />
            ))
          : null}
        {show("dates") ? (
          <>
            <DateField name="from" label={t("from")} value={filter.acquiredFrom ?? ""} onCommit={onChange} />
            <DateField name="to" label={t("to")} value={filter.acquiredTo ?? ""} onCommit={onChange} />
          </>
        ) : null}
        {show("search") ? (
          <label className="flex flex-col gap-1 text-xs text-muted-foreground">
            {t("search")}
            <input
              type="search"
              name="q"
              defaultValue={filter.search ?? ""}
              placeholder={t(searchNumbersOnly ? "searchPlaceholderNumbers" : "searchPlaceholder")}
              className="h-9 w-64 rounded-md border border-border bg-card px-2 text-sm text-foreground"
            />
          </label>
        ) : null}
        <div className="flex items-center gap-3 pb-0.5">
          <button type="submit" className="h-9 rounded-md bg-accent px-3 text-sm font-medium text-accent-foreground">
            {t("apply")}
          </button>
          {active > 0 ? (
            <>
              <button type="button" onClick={() => navigate(keptParams(searchParams))} className="text-sm text-accent underline">
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
