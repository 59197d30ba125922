import fs from "node:fs";
import path from "node:path";
import { serverDatabase } from "./server-database";
import { expect, test } from "@playwright/test";
import { E2E_USERS } from "./auth-users";
import { ownServerStorageState, startOwnServer, type OwnServer } from "./own-server";

/**
 * Bounds on what a user can make the server spend (issue 16, item 4), on a server of this spec's own (port
 * E2E_PORT_BASE + 7, its own seeded database) that trusts no proxy, as `npm start` does by default: the
 * sign-in rate limit counts the socket's address whatever X-Forwarded-For says, and the report's PDF is
 * printed by one shared Chromium, two at a time with four waiting, the rest told to come back later.
 */

const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const databaseFolder = portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`;
const LIMITS_PORT = portBase + 7;
const LIMITS_URL = `http://127.0.0.1:${LIMITS_PORT}`;
const LIMITS_DATABASE = path.resolve(databaseFolder, "limits.db");
const BUSY = "The PDF printer is busy with other reports; try again in a minute.";

test.describe.configure({ mode: "serial" }); // one server, started once
test.use({ baseURL: LIMITS_URL, storageState: ownServerStorageState(LIMITS_PORT) });
let server: OwnServer | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // No trusted proxies: the tests' X-Forwarded-For headers are what an attacker would send.
  server = await startOwnServer({ port: LIMITS_PORT, database: LIMITS_DATABASE, env: { KLANTWAARDE_TRUSTED_PROXIES: "" } });
});

test.afterAll(async () => {
  await server?.stop();
});

/** The sign-in rate-limit buckets in this spec's database: key ("ADDRESS|/sign-in/email") → attempts. */
async function signInBuckets(): Promise<Map<string, number>> {
  const rows = await serverDatabase(LIMITS_DATABASE, LIMITS_PORT).query<{ key: string; count: number }>("SELECT key, count FROM auth_rate_limits WHERE key LIKE '%|/sign-in/email'");
  return new Map(rows.map((row) => [row.key, row.count]));
}

test.describe("the sign-in rate limit counts the socket's address", () => {
  test("30 wrong passwords, each with another X-Forwarded-For: refused after the fifth attempt of the minute", async () => {
    const statuses: number[] = [];
    for (let guess = 1; guess <= 30; guess++) {
      const response = await fetch(`${LIMITS_URL}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: LIMITS_URL, "X-Forwarded-For": `203.0.113.${guess}`, "X-Real-IP": `203.0.113.${guess}` },
        body: JSON.stringify({ email: E2E_USERS.viewer.email, password: `wrong-${guess}-password` }),
      });
      statuses.push(response.status);
    }
    // The admin's sign-in when the server started was this minute's first attempt from 127.0.0.1.
    const refusedFrom = statuses.indexOf(429);
    expect(refusedFrom, statuses.join(" ")).toBeGreaterThanOrEqual(0);
    expect(refusedFrom).toBeLessThanOrEqual(5);
    expect(statuses.slice(0, refusedFrom)).toEqual(Array(refusedFrom).fill(401));
    expect(statuses.slice(refusedFrom)).toEqual(Array(30 - refusedFrom).fill(429));
  });

  test("the addresses named in the headers were not charged: a spoofed header cannot lock a victim out", async () => {
    const buckets = await signInBuckets();
    expect(buckets.get("127.0.0.1|/sign-in/email")).toBeGreaterThanOrEqual(5);
    // The victim 203.0.113.7 (named in the seventh guess) can still sign in from their own address.
    expect([...buckets.keys()].filter((key) => key.startsWith("203.0.113."))).toEqual([]);
  });
});

/**
 * Chromium processes that descend from `root` (the server's process tree), from /proc: all of them, and the
 * browsers among them (a Chromium whose parent is not one).
 */
function chromiumProcesses(root: number): { processes: number; browsers: number } {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const parent = Number(stat.slice(close + 2).split(" ")[1]);
      names.set(Number(entry), stat.slice(stat.indexOf("(") + 1, close));
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const isChromium = (pid: number) => /chrom/i.test(names.get(pid) ?? "");
  const found = { processes: 0, browsers: 0 };
  const pending: [number, number][] = [[root, 0]];
  while (pending.length > 0) {
    const [pid, parent] = pending.pop()!;
    if (pid !== root && isChromium(pid)) {
      found.processes++;
      if (!isChromium(parent)) found.browsers++;
    }
    for (const child of children.get(pid) ?? []) pending.push([child, pid]);
  }
  return found;
}

type PdfAnswer = { status: number; retryAfter: string | null; type: string | null; body: Buffer };
const askForPdf = (): Promise<PdfAnswer> =>
  fetch(`${LIMITS_URL}/report/pdf`, { headers: { Cookie: server!.cookie }, redirect: "manual" }).then(async (response) => ({
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    type: response.headers.get("content-type"),
    body: Buffer.from(await response.arrayBuffer()),
  }));

test.describe("the report PDF printer", () => {
  test("eight PDFs at once: one browser prints them, two at a time and four waiting; the other two hear 'busy'", async () => {
    test.setTimeout(240_000);
    const peak = { processes: 0, browsers: 0 };
    let asking = true;
    const sampling = (async () => {
      while (asking) {
        const now = chromiumProcesses(server!.pid);
        peak.processes = Math.max(peak.processes, now.processes);
        peak.browsers = Math.max(peak.browsers, now.browsers);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const answers = await Promise.all(Array.from({ length: 8 }, askForPdf));
    asking = false;
    await sampling;

    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 503, 503]);
    for (const answer of answers.filter((answer) => answer.status === 200)) {
      expect(answer.type).toBe("application/pdf");
      expect(answer.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
    for (const answer of answers.filter((answer) => answer.status === 503)) {
      expect(answer.retryAfter).toBe("60");
      expect(answer.body.toString("utf8")).toContain(BUSY);
    }
    test.info().annotations.push({ type: "peak Chromium processes", description: `${peak.processes} (${peak.browsers} browser)` });
    // One browser (with its zygotes, GPU/network/storage utilities and a renderer per page: 13 seen); a browser
    // per request made 56 processes for eight.
    expect(peak.browsers).toBe(1);
    expect(peak.processes).toBeLessThanOrEqual(20);
  });

  test("the report page says so when its PDF button finds the printer busy", async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto("/report");
    const download = page.getByRole("link", { name: "Download PDF" });
    await expect(download).toBeVisible();
    // Fill the printer: two printing, four waiting; the two answers beyond that come back at once.
    const answers = Array.from({ length: 8 }, askForPdf);
    const busy = answers.map((answer) => answer.then((result) => result.status === 503));
    // (Without a queue none is ever busy: then go on once all are answered, and fail below.)
    await Promise.race([Promise.all(busy), waitForBusyCount(busy, 2)]);
    await download.click();
    await expect(page.getByRole("alert").filter({ hasText: BUSY })).toBeVisible();
    expect(new URL(page.url()).searchParams.get("pdf")).toBe("busy");
    await Promise.all(answers);
  });
});

/** Resolves once `count` of the answers said "busy". */
function waitForBusyCount(busy: Promise<boolean>[], count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    for (const answer of busy) {
      void answer.then((isBusy) => {
        if (isBusy && ++seen === count) resolve();
      });
    }
  });
}
