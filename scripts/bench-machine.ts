/**
 * A fixed task of pure CPU work, timed before and after a benchmark: on a shared machine the same code
 * can run half as fast at a busy hour. Printed next to a benchmark's table, it tells a quiet run from a
 * busy one (a slower reference, or start and end far apart, means the figures are pessimistic).
 */

/** Milliseconds of one fixed CPU task (integer arithmetic and a small array): the median of `runs`. */
export function machineReferenceMs(runs = 5): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const buckets = new Float64Array(1024);
    let state = 12345;
    for (let step = 0; step < 100_000_000; step++) {
      state = (Math.imul(state, 1103515245) + 12345) | 0;
      buckets[state & 1023]! += step;
    }
    if (buckets[0] === -1) throw new Error("unreachable"); // keeps the loop's work observable
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** One line for a benchmark's report: the reference task's time at the start and at the end. */
export function machineReferenceLine(startMs: number, endMs: number): string {
  return `Machine check: a fixed CPU task took ${startMs.toFixed(0)} ms before and ${endMs.toFixed(0)} ms after the runs (median of 5; higher or far apart = a busy machine, slower figures).`;
}
