/**
 * One browser per server process for jobs that need one (printing the report to PDF): launched on first use
 * (two callers at once share one launch), launched again when it died (crashed, killed), and closed once
 * nobody has used it for `idleMs`. Each job opens its own context (cookies, pages) and closes it.
 * The launcher is passed in, so the life cycle is tested without a real browser.
 */
export interface ClosableBrowser {
  isConnected(): boolean;
  close(): Promise<void>;
  on(event: "disconnected", listener: () => void): unknown;
}

export interface SharedBrowser<B extends ClosableBrowser> {
  /** Runs `job` with the shared browser (launching it when there is none). */
  use<T>(job: (browser: B) => Promise<T>): Promise<T>;
  /** Closes the browser now (at shutdown). */
  close(): Promise<void>;
  /** How often a browser was launched (for tests and logs). */
  launches(): number;
}

/**
 * @example
 * const printer = createSharedBrowser({ launch: () => chromium.launch({ executablePath }), idleMs: 60_000 });
 * const pdf = await printer.use(async (browser) => { const context = await browser.newContext(); ... });
 */
export function createSharedBrowser<B extends ClosableBrowser>({ launch, idleMs }: { launch: () => Promise<B>; idleMs: number }): SharedBrowser<B> {
  let browser: B | null = null;
  let launching: Promise<B> | null = null;
  let users = 0;
  let launchCount = 0;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;

  const current = (): Promise<B> => {
    if (browser?.isConnected()) return Promise.resolve(browser);
    browser = null;
    launching ??= (async () => {
      try {
        launchCount++;
        const launched = await launch();
        launched.on("disconnected", () => {
          if (browser === launched) browser = null; // died: the next job launches a new one
        });
        browser = launched;
        return launched;
      } finally {
        launching = null;
      }
    })();
    return launching;
  };

  const closeNow = async () => {
    const closing = browser;
    browser = null;
    await closing?.close().catch(() => undefined);
  };

  return {
    async use(job) {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      users++;
      try {
        return await job(await current());
      } finally {
        users--;
        if (users === 0) {
          idleTimer = setTimeout(() => {
            idleTimer = null;
            if (users === 0) void closeNow();
          }, idleMs);
          idleTimer.unref?.(); // an idle browser never keeps the process alive
        }
      }
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      await closeNow();
    },
    launches: () => launchCount,
  };
}
