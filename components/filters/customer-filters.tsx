import { Suspense } from "react";
import { getFilterOptions } from "@/lib/queries/filter-options";
import type { CustomerFilter } from "@/lib/filters/customer-filter";
import type { SnapshotInfo } from "@/lib/queries/snapshots";
import { getPersonalDataAccess } from "@/lib/privacy/masking-server";
import { FilterBar, type FilterField } from "./filter-bar";

/** The filter bar with its choices read from the database and the names from the snapshot's settings. */
export async function CustomerFilters({ filter, snapshot, fields }: { filter: CustomerFilter; snapshot: SnapshotInfo; fields?: readonly FilterField[] }) {
  const options = getFilterOptions();
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
