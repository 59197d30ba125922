/**
 * A small bounded queue for expensive jobs (printing the report to PDF): at most `concurrency` run at once,
 * at most `maxWaiting` wait their turn in order of arrival, and a job beyond that is refused at once with
 * {@link QueueFullError} instead of piling up memory and processes. Pure: no Next, no browser.
 */

/** Every place is taken: running and waiting. The caller answers "busy, try again" (HTTP 503). */
export class QueueFullError extends Error {
  constructor(
    readonly running: number,
    readonly waiting: number,
  ) {
    super(`the queue is full (${running} running, ${waiting} waiting)`);
    this.name = "QueueFullError";
  }
}

export interface BoundedQueue {
  /** Runs `job` when a place is free; rejects with {@link QueueFullError} when none is and the queue is full. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** How many jobs run and wait now. */
  stats(): { running: number; waiting: number };
}

/**
 * @example
 * const queue = createBoundedQueue({ concurrency: 2, maxWaiting: 4 });
 * const pdf = await queue.run(() => printReport()); // the 7th caller at once gets QueueFullError
 */
export function createBoundedQueue({ concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }): BoundedQueue {
  if (!(concurrency >= 1) || !(maxWaiting >= 0)) throw new RangeError("concurrency must be at least 1 and maxWaiting at least 0");
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next(); // the place passes straight to the next in line
    else running--;
  };

  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (running < concurrency) running++;
      else if (waiting.length < maxWaiting) await new Promise<void>((resolve) => waiting.push(resolve));
      else throw new QueueFullError(running, waiting.length);
      try {
        return await job();
      } finally {
        release();
      }
    },
    stats: () => ({ running, waiting: waiting.length }),
  };
}
