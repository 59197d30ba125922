/**
 * A stable key for a transaction that has no order number, so importing the same file twice does not
 * count its purchases twice: the database writer stores it where an order number would go.
 */

/** The parts of a transaction the key is made of. */
export interface TransactionContent {
  customerId: string;
  purchaseDate: string;
  revenueCents: number;
  costCents: number;
  quantity: number;
  channel: string | null;
  productCategory: string | null;
}

const SEPARATOR = "\u001f";

/**
 * The key of a transaction: 32 hex characters hashed from its parsed values (so `12,50` and `12.50`,
 * or a re-export with other formatting, give the same key) and the trimmed text of the file's other
 * columns, sorted by column name (so reordering columns does not change it).
 *
 * Two identical lines in one file get the same key. Pass `occurrence` (2 for the second identical line,
 * and so on) when such lines are genuine separate purchases.
 *
 * @example transactionContentKey({ customerId: "K1", purchaseDate: "2025-11-23", revenueCents: 1250, costCents: 0, quantity: 1, channel: null, productCategory: null }).length // 32
 */
export function transactionContentKey(
  content: TransactionContent,
  otherColumns: readonly (readonly [name: string, value: string])[] = [],
  occurrence = 1,
): string {
  let text =
    content.customerId + SEPARATOR + content.purchaseDate + SEPARATOR + content.revenueCents + SEPARATOR + content.costCents +
    SEPARATOR + content.quantity + SEPARATOR + (content.channel ?? "") + SEPARATOR + (content.productCategory ?? "");
  for (const [name, value] of otherColumns) text += SEPARATOR + name + "=" + value;
  if (occurrence > 1) text += SEPARATOR + "#" + occurrence;
  return hash128(text);
}

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Two UTF-16 code units of `text` from `at` as one 32-bit word (a missing second unit counts as 0). */
function word(text: string, at: number): number {
  return text.charCodeAt(at) | ((at + 1 < text.length ? text.charCodeAt(at + 1) : 0) << 16);
}

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

/**
 * A 128-bit non-cryptographic hash of the text as 32 hex characters: the MurmurHash3 x86 128-bit
 * construction (seed 0) run over the UTF-16 code units, two per 32-bit word, so no bytes are allocated.
 * Pure JavaScript: the same result in the browser and in Node. Not for secrets.
 */
export function hash128(text: string): string {
  const units = text.length;
  const length = units * 2;
  const blockUnits = units - (units % 8);
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  for (let at = 0; at < blockUnits; at += 8) {
    let k1 = word(text, at);
    let k2 = word(text, at + 2);
    let k3 = word(text, at + 4);
    let k4 = word(text, at + 6);
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  // The last 0..7 code units fill up to four words, as MurmurHash3's tail does with bytes.
  const rest = units - blockUnits;
  if (rest > 6) h4 ^= Math.imul(rotl(Math.imul(word(text, blockUnits + 6), C4), 18), C1);
  if (rest > 4) h3 ^= Math.imul(rotl(Math.imul(word(text, blockUnits + 4), C3), 17), C4);
  if (rest > 2) h2 ^= Math.imul(rotl(Math.imul(word(text, blockUnits + 2), C2), 16), C3);
  if (rest > 0) h1 ^= Math.imul(rotl(Math.imul(word(text, blockUnits), C1), 15), C2);
  h1 ^= length;
  h2 ^= length;
  h3 ^= length;
  h4 ^= length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  return hex8(h1) + hex8(h2) + hex8(h3) + hex8(h4);
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

function hex8(h: number): string {
  return HEX_BYTES[(h >>> 24) & 255]! + HEX_BYTES[(h >>> 16) & 255]! + HEX_BYTES[(h >>> 8) & 255]! + HEX_BYTES[h & 255]!;
}
