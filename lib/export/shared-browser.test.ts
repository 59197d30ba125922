import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createSharedBrowser } from "./shared-browser";

/** A stand-in for Playwright's Browser: connected until closed or "crashed". */
class FakeBrowser {
  connected = true;
  closed = false;
  private listeners: (() => void)[] = [];
  isConnected() {
    return this.connected;
  }
  async close() {
    this.closed = true;
    this.crash();
  }
  on(_event: "disconnected", listener: () => void) {
    this.listeners.push(listener);
  }
  crash() {
    this.connected = false;
    for (const listener of this.listeners) listener();
  }
}

describe("createSharedBrowser", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("one launch for jobs at the same time, reused by later jobs", async () => {
    const launched: FakeBrowser[] = [];
    const shared = createSharedBrowser({ launch: async () => launched[launched.push(new FakeBrowser()) - 1]!, idleMs: 60_000 });
    const seen = await Promise.all([1, 2, 3].map(() => shared.use(async (browser) => browser)));
    expect(new Set(seen).size).toBe(1);
    await shared.use(async (browser) => expect(browser).toBe(seen[0]));
    expect(shared.launches()).toBe(1);
  });

  test("a browser that died is launched again for the next job", async () => {
    const shared = createSharedBrowser({ launch: async () => new FakeBrowser(), idleMs: 60_000 });
    const first = await shared.use(async (browser) => browser);
    first.crash();
    const second = await shared.use(async (browser) => browser);
    expect(second).not.toBe(first);
    expect(second.isConnected()).toBe(true);
    expect(shared.launches()).toBe(2);
  });

  test("closed after being idle for idleMs, not while a job runs", async () => {
    const shared = createSharedBrowser({ launch: async () => new FakeBrowser(), idleMs: 60_000 });
    let finish!: () => void;
    let running: FakeBrowser | null = null;
    const job = shared.use((browser) => ((running = browser), new Promise<void>((resolve) => (finish = resolve))));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(running!.closed).toBe(false); // busy: never closed
    finish();
    await job;
    await vi.advanceTimersByTimeAsync(59_000);
    expect(running!.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(running!.closed).toBe(true);
    // The next job launches a fresh one.
    await shared.use(async (browser) => expect(browser).not.toBe(running));
    expect(shared.launches()).toBe(2);
  });

  test("a failed launch is not kept: the next job tries again", async () => {
    let attempts = 0;
    const shared = createSharedBrowser({
      launch: async () => {
        if (++attempts === 1) throw new Error("Executable doesn't exist at /usr/bin/chromium");
        return new FakeBrowser();
      },
      idleMs: 60_000,
    });
    await expect(shared.use(async () => "pdf")).rejects.toThrow("Executable doesn't exist");
    expect(await shared.use(async () => "pdf")).toBe("pdf");
  });
});
