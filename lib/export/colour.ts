/**
 * Colour arithmetic for exported images, where CSS cannot do it: an exported SVG must carry plain colours
 * (vector editors do not know `color-mix()`), so the heat map's cell colours are mixed here, in OKLab as
 * the browser's `color-mix(in oklab, ...)` does (Björn Ottosson, "A perceptual color space for image
 * processing", 2020), and the text on a cell is black or white, whichever has the higher WCAG 2 contrast.
 * Pure.
 */

type Rgb = [number, number, number];

/** `#rgb` or `#rrggbb` (also `rgb(r, g, b)` as getComputedStyle gives it) to 0..1 channels; null otherwise. */
export function parseColour(text: string): Rgb | null {
  const value = text.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(value);
  if (short) return [short[1]!, short[2]!, short[3]!].map((digit) => parseInt(digit + digit, 16) / 255) as Rgb;
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(value);
  if (long) return [long[1]!, long[2]!, long[3]!].map((pair) => parseInt(pair, 16) / 255) as Rgb;
  const rgb = /^rgba?\(\s*(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)/.exec(value);
  if (rgb) return [rgb[1]!, rgb[2]!, rgb[3]!].map((channel) => Math.min(255, Number(channel)) / 255) as Rgb;
  return null;
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((channel) => Math.round(Math.min(1, Math.max(0, channel)) * 255).toString(16).padStart(2, "0")).join("")}`;
}

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

function toOklab(rgb: Rgb): Rgb {
  const [r, g, b] = rgb.map(toLinear) as Rgb;
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s, 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s, 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s];
}

function fromOklab([lightness, a, b]: Rgb): Rgb {
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ].map(fromLinear) as Rgb;
}

/**
 * `share` (0..1) of `high` mixed into `low` in OKLab, as `color-mix(in oklab, high share%, low)`. A colour
 * that cannot be read is returned as it is (`low` at 0, `high` otherwise).
 *
 * @example mixOklab("#eef4fb", "#0b5cad", 0) // "#eef4fb"
 * @example mixOklab("#000000", "#ffffff", 0.5) // "#636363" (what Chromium draws for color-mix(in oklab, white 50%, black))
 */
export function mixOklab(low: string, high: string, share: number): string {
  const from = parseColour(low);
  const to = parseColour(high);
  if (!from || !to) return share > 0 ? high : low;
  const t = Math.min(1, Math.max(0, share));
  const a = toOklab(from);
  const b = toOklab(to);
  return toHex(fromOklab([0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * t) as Rgb));
}

/** WCAG 2 relative luminance of a colour (0 black .. 1 white); 1 for a colour that cannot be read. */
export function relativeLuminance(colour: string): number {
  const rgb = parseColour(colour);
  if (!rgb) return 1;
  const [r, g, b] = rgb.map(toLinear) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours (1..21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function textOn(background: string): "#000000" | "#ffffff" {
  return contrastRatio(background, "#000000") >= contrastRatio(background, "#ffffff") ? "#000000" : "#ffffff";
}
