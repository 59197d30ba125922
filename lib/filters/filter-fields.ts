/** The fields of the filter bar; a view can show a subset (a drill-down into a tier has no tier filter). */
export const FILTER_FIELDS = ["tier", "rfm", "quadrant", "channel", "country", "attributes", "dates", "search"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** Every field except the given ones. */
export function filterFieldsWithout(...hidden: readonly FilterField[]): FilterField[] {
  return FILTER_FIELDS.filter((field) => !hidden.includes(field));
}
