import { Suspense } from "react";
import type { FilterOptions } from "@/lib/queries/filter-options";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";
import { FilterBar, type FilterField } from "./filter-bar";

/**
 * The filter bar with its choices (`options`: the page reads them with `getFilterOptions`) and the names of
 * tiers and quadrants from the snapshot's settings.
 */
export async function CustomerFilters({ filter, options, snapshot, fields }: { filter: CustomerFilter; options: FilterOptions; snapshot: SnapshotInfo; fields?: readonly FilterField[] }) {
  const { visible } = await getPersonalDataAccess(); // names hidden: the search finds customer numbers only
  const tierNames = snapshot.summary.tiers.map((tier) => tier.name);
  const quadrantNames = Object.fromEntries(snapshot.summary.quadrants.map((quadrant) => [quadrant.key, quadrant.name]));
  return (
    // useSearchParams needs a Suspense boundary in a server-rendered page.
    <Suspense fallback={<div className="h-[62px] rounded-xl border border-border bg-card" />}>
      <FilterBar filter={filter} options={options} tierNames={tierNames} quadrantNames={quadrantNames} fields={fields} searchNumbersOnly={!visible} />
    </Suspense>
  );
}
