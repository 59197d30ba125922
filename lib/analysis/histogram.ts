/**
 * Bin edges for a histogram of money amounts that people can read: round numbers from the 1-2-5 series
 * (10, 20, 50, 100, 200, 500, ...), growing geometrically because customer values are strongly skewed
 * (a few customers are worth a hundred times the median). Pure: used by the overview's CLV distribution.
 */

/** The 1-2-5 series from `from` upward, in cents: 100, 200, 500, 1000, ... */
function series125(minimumCents: number): number[] {
  const edges: number[] = [];
  let decade = 10 ** Math.floor(Math.log10(Math.max(minimumCents, 100)));
  for (;;) {
    for (const step of [1, 2, 5]) edges.push(step * decade);
    decade *= 10;
    if (decade > 1e13) return edges;
  }
}

/**
 * Ascending edges (cents) covering [lowCents, highCents] with at most `maxBins` bars between them. The
 * caller adds an open bin below the first edge and above the last. Amounts below one currency unit fall
 * into the first bin; a range of a single value still gets one edge above it.
 */
export function niceBinEdges(lowCents: number, highCents: number, maxBins = 12): number[] {
  const low = Math.max(lowCents, 0);
  const high = Math.max(highCents, low);
  const all = series125(100);
  // First edge: the largest series value at or below the low end (or the smallest edge when the low end is tiny).
  let first = 0;
  while (first + 1 < all.length && all[first + 1]! <= low) first++;
  // Too many bars for a readable chart: take every second (then third, ...) edge, which is still
  // geometric, until the last one taken is above the high end.
  for (let stride = 1; ; stride++) {
    const edges: number[] = [];
    for (let index = first; index < all.length; index += stride) {
      edges.push(all[index]!);
      if (all[index]! > high) break;
    }
    // A stride that runs off the end of the series before passing the high end does not cover it.
    const covers = edges[edges.length - 1]! > high || high >= all[all.length - 1]!;
    if ((covers && edges.length - 1 <= maxBins) || stride > all.length) return edges;
  }
}
