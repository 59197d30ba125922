import { Link } from "@/components/ui/link";
import { clsx } from "clsx";
import { getTranslations } from "next-intl/server";
import type { ColorBy, MapScale } from "./map-points";

/** The URL of the map with one view setting changed and everything else (filters, snapshot) kept. */
function hrefWith(query: URLSearchParams, name: string, value: string): string {
  const params = new URLSearchParams(query);
  params.set(name, value);
  return `/quadrants?${params.toString()}`;
}

function Segmented({ label, options }: { label: string; options: { label: string; href: string; active: boolean }[] }) {
  return (
    <div role="group" aria-label={label} className="flex items-center gap-2 text-sm">
      <span className="text-xs text-muted-foreground">{label}</span>
      <span className="inline-flex overflow-hidden rounded-md border border-border">
        {options.map((option) => (
          <Link
            key={option.href}
            href={option.href}
            aria-current={option.active ? "true" : undefined}
            scroll={false}
            className={clsx("px-3 py-1.5", option.active ? "bg-accent text-accent-foreground" : "bg-card text-foreground hover:bg-muted")}
          >
            {option.label}
          </Link>
        ))}
      </span>
    </div>
  );
}

/** Linear or log CLV axis, and colour by tier or RFM segment: links that write the choice into the URL. */
export async function MapControls({ query, scale, colorBy }: { query: URLSearchParams; scale: MapScale; colorBy: ColorBy }) {
  const t = await getTranslations("quadrants");
  return (
    <div className="flex flex-wrap items-center gap-6">
      <Segmented
        label={t("scale")}
        options={(["linear", "log"] as const).map((value) => ({ label: t(`scales.${value}`), href: hrefWith(query, "scale", value), active: scale === value }))}
      />
      <Segmented
        label={t("colorBy")}
        options={(["tier", "rfm"] as const).map((value) => ({ label: t(`colors.${value}`), href: hrefWith(query, "color", value), active: colorBy === value }))}
      />
    </div>
  );
}
