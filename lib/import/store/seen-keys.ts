/**
 * Which keys (order numbers) a file has named before, in a fixed amount of memory: a Bloom filter
 * (Bloom 1970, "Space/time trade-offs in hash coding with allowable errors"), with the k bit positions
 * derived from two 32-bit multiplicative string hashes, each finished with MurmurHash3's fmix32 (Kirsch & Mitzenmacher 2006: g_i = h1 + i * h2).
 *
 * `seenBefore` never answers false for a key that was added; it may answer true for one that was not
 * (about 1% at 6M keys with the default 8 MB), so a caller treats true as "maybe": here, the order's
 * lines go through the exact (slower) path of adding them up. Memory stays the same whatever the file.
 *
 * @example
 * const seen = createSeenKeys(1 << 16);
 * seen.seenBefore("ORD1") // false (and ORD1 is now added)
 * seen.seenBefore("ORD1") // true
 */
export interface SeenKeys {
  /** Adds `key`; true when it (probably) was added before. */
  seenBefore(key: string): boolean;
}

/** Bits of the default filter: 8 MB. */
const DEFAULT_BITS = 1 << 26;
const HASHES = 4;

/** MurmurHash3's finaliser: spreads every input bit over the output. */
function fmix32(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export function createSeenKeys(bits = DEFAULT_BITS): SeenKeys {
  if (bits <= 0 || (bits & (bits - 1)) !== 0) throw new Error(`The number of bits must be a power of two, not ${bits}.`);
  const words = new Uint32Array(bits >>> 5);
  const mask = bits - 1;
  return {
    seenBefore(key: string): boolean {
      let h1 = 0x811c9dc5;
      let h2 = 0x9747b28c;
      for (let i = 0; i < key.length; i++) {
        const code = key.charCodeAt(i);
        h1 = Math.imul(h1 ^ code, 0x01000193);
        h2 = Math.imul(h2 ^ code, 0x5bd1e995);
        h2 ^= h2 >>> 13;
      }
      h1 = fmix32(h1);
      h2 = fmix32(h2) | 1;
      let seen = true;
      for (let i = 0; i < HASHES; i++) {
        const bit = (h1 + Math.imul(i, h2)) & mask;
        const word = bit >>> 5;
        const flag = 1 << (bit & 31);
        if ((words[word]! & flag) === 0) {
          seen = false;
          words[word]! |= flag;
        }
      }
      return seen;
    },
  };
}
