/**
 * Colours of the heat map: a cell's intensity (0..1) mixes --heat-low into --heat-high, and the text on it
 * is black or white, whichever contrasts more. The switch points were computed from the theme colours in
 * app/globals.css (mixed in OKLab, as the browser does) so that text keeps a WCAG contrast of at least 4.5:1
 * everywhere: light theme (#eef4fb to #0b5cad) white from 0.82, dark theme (#1b2530 to #5aa9f0) black from
 * 0.67. Pure.
 */

export type HeatMode = "count" | "value";

export function parseHeatMode(value: string | string[] | undefined): HeatMode {
  return (Array.isArray(value) ? value[0] : value) === "value" ? "value" : "count";
}

/**
 * A cell's intensity: the square root of its share of the largest cell, so that small cells next to one
 * huge one are still told apart (the numbers are printed in every cell; the colour only guides the eye).
 */
export function heatIntensity(amount: number, largest: number): number {
  if (!(largest > 0) || !(amount > 0)) return 0;
  return Math.min(1, Math.sqrt(amount / largest));
}

export function heatBackground(intensity: number): string {
  return `color-mix(in oklab, var(--heat-high) ${Math.round(intensity * 100)}%, var(--heat-low))`;
}

/** Tailwind classes for readable text on a cell of this intensity, light and dark. */
export function heatTextClass(intensity: number): string {
  const percent = Math.round(intensity * 100);
  return `${percent >= 82 ? "text-white" : "text-black"} ${percent >= 67 ? "dark:text-black" : "dark:text-white"}`;
}
