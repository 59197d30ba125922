import { describe, expect, test } from "vitest";
import { createBoundedQueue, QueueFullError } from "./print-queue";

/** A job that finishes when the test says so. */
function deferred<T = string>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createBoundedQueue", () => {
  test("two run, four wait, the seventh is refused at once", async () => {
    const queue = createBoundedQueue({ concurrency: 2, maxWaiting: 4 });
    const jobs = Array.from({ length: 6 }, () => deferred());
    const started: number[] = [];
    const results = jobs.map((job, index) => queue.run(() => (started.push(index), job.promise)));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(queue.stats()).toEqual({ running: 2, waiting: 4 });
    await expect(queue.run(async () => "never")).rejects.toBeInstanceOf(QueueFullError);
    await expect(queue.run(async () => "never")).rejects.toThrow("the queue is full (2 running, 4 waiting)");

    // Waiting jobs start in order of arrival as places free up.
    jobs[1]!.resolve("b");
    await tick();
    expect(started).toEqual([0, 1, 2]);
    jobs[0]!.resolve("a");
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(queue.stats()).toEqual({ running: 2, waiting: 2 });
    // Two places in the line are free again: a new job waits behind the others.
    const late = queue.run(async () => (started.push(6), "g"));
    expect(queue.stats()).toEqual({ running: 2, waiting: 3 });
    for (const [index, job] of jobs.entries()) job.resolve(String.fromCharCode(97 + index));
    expect(await Promise.all([...results, late])).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
  });

  test("a job that fails gives its place to the next one", async () => {
    const queue = createBoundedQueue({ concurrency: 1, maxWaiting: 1 });
    const failing = deferred();
    const first = queue.run(() => failing.promise);
    const second = queue.run(async () => "second ran");
    failing.reject(new Error("Chromium crashed"));
    await expect(first).rejects.toThrow("Chromium crashed");
    expect(await second).toBe("second ran");
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
    // A job that throws synchronously releases its place too.
    await expect(queue.run(() => { throw new Error("at once"); })).rejects.toThrow("at once");
    expect(queue.stats()).toEqual({ running: 0, waiting: 0 });
  });

  test("without waiting places the job beyond the running ones is refused", async () => {
    const queue = createBoundedQueue({ concurrency: 1, maxWaiting: 0 });
    const job = deferred();
    const running = queue.run(() => job.promise);
    await expect(queue.run(async () => "x")).rejects.toBeInstanceOf(QueueFullError);
    job.resolve("done");
    expect(await running).toBe("done");
  });

  test.each([
    [0, 4],
    [2, -1],
  ])("refuses concurrency %i, maxWaiting %i", (concurrency, maxWaiting) => {
    expect(() => createBoundedQueue({ concurrency, maxWaiting })).toThrow(RangeError);
  });
});
