/**
 * A customers export (Shopify's) read with its own columns: the e-mail address is the customer key (as in the
 * platform's orders export), first and last name make the name, and only the platform's soft data columns
 * (`Tags`, the marketing consents) are kept: `Total Spent` and `Total Orders` restate the purchases, and
 * addresses and phone numbers are no soft data.
 */
import type { ColumnMapping } from "../read/column-mapping";
import type { CustomerField } from "../read/fields";
import type { PlatformDefinition } from "./platform";
import type { PlatformColumns } from "./recognise";

export interface CustomerPlatformReading {
  mapping: ColumnMapping<CustomerField>;
  platform: { softDataColumns: number[]; nameColumns: number[] };
}

/**
 * @example customerPlatformReading(SHOPIFY_CUSTOMERS, ["First Name", "Last Name", "Email", "Tags", "Total Spent"], { firstName: 0, lastName: 1, customer: 2, email: 2 })
 * // { mapping: { customer: 2, email: 2 }, platform: { softDataColumns: [3], nameColumns: [0, 1] } }
 */
export function customerPlatformReading(platform: PlatformDefinition, header: readonly string[], columns: PlatformColumns, chosen: Partial<Record<string, number | undefined>> = {}): CustomerPlatformReading {
  const mapping: Record<string, number | undefined> = { customer: columns.customer, email: columns.email, country: columns.country, city: columns.city, ...chosen };
  const softData = new Set((platform.softData ?? []).map((name) => name.toLowerCase()));
  return {
    mapping: Object.fromEntries(Object.entries(mapping).filter(([, column]) => column !== undefined)) as ColumnMapping<CustomerField>,
    platform: {
      softDataColumns: header.flatMap((name, column) => (softData.has(name.trim().toLowerCase()) ? [column] : [])),
      nameColumns: [columns.firstName, columns.lastName].filter((column): column is number => column !== undefined),
    },
  };
}
