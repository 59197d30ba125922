import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_USERS } from "./auth-users";
import { startOwnServer, type OwnServer } from "./own-server";
import { serverDatabase } from "./server-database";


/**
 * A slow upload (a client on a poor connection) must not hold the database: while its bytes trickle in
 * for several seconds, signing in, a customer export with its audit event and a recompute request all
 * work, and the import is stored afterwards. A server of this spec's own: the upload changes its data.
 */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const port = portBase + 12;
const database = path.resolve(portBase === 3100 ? "data/e2e" : `data/e2e-${portBase}`, "slow-upload.db");
let server: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startOwnServer({ port, database });
});
test.afterAll(async () => server?.stop());

const serverData = serverDatabase(database, port);
const query = <T>(sql: string) => serverData.query<T>(sql);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("while a slow upload trickles in, sign-in, an export with its audit event and a recompute request keep working", async ({ request }) => {
  test.setTimeout(120_000);
  const rows = Array.from({ length: 8_000 }, (_, index) => `SLOW${index};K${index % 400};${String((index % 28) + 1).padStart(2, "0")}-10-2025;${index % 100},50`).join("\n");
  const body = Buffer.from(`ordernummer;klantnummer;datum;bedrag\n${rows}\n`);
  // More than the 64 KB the server reads before it starts, so an import that held the database from the
  // first byte would hold it from here on.
  const pieces = [body.subarray(0, 100_000), ...Array.from({ length: 7 }, (_, i) => body.subarray(100_000 + Math.ceil(((body.length - 100_000) * i) / 7), 100_000 + Math.ceil(((body.length - 100_000) * (i + 1)) / 7)))];

  let answer = "";
  let status = 0;
  const upload = http.request({
    host: "127.0.0.1",
    port,
    method: "POST",
    path: "/api/imports?kind=transactions&fileName=langzaam.csv",
    headers: { "Content-Type": "text/csv", "Content-Length": body.length, Cookie: server.cookie },
  });
  const answered = new Promise<void>((resolve, reject) => {
    upload.on("response", (response) => {
      status = response.statusCode ?? 0;
      response.on("data", (data: Buffer) => (answer += data.toString()));
      response.on("end", () => resolve());
    });
    upload.on("error", reject);
  });
  // The first 100 KB, then a piece every second: about 7 s of upload.
  const sending = (async () => {
    for (const [index, piece] of pieces.entries()) {
      await new Promise<void>((resolve) => upload.write(piece, () => resolve()));
      if (index < pieces.length - 1) await pause(1_000);
    }
    upload.end();
  })();
  await pause(1_500); // the server has the first 100 KB

  // Sign in (better-auth writes a session) while the upload is still coming in.
  const signInStarted = Date.now();
  const signIn = await request.post(`${server.url}/api/auth/sign-in/email`, {
    data: { email: E2E_USERS.analyst.email, password: E2E_USERS.analyst.password },
    headers: { Origin: server.url, "X-Forwarded-For": "10.12.0.1" },
  });
  expect(signIn.status()).toBe(200);
  expect(Date.now() - signInStarted, "sign-in did not wait for the upload").toBeLessThan(4_000);

  // A customer export writes its audit event.
  const exportsBefore = (await query<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE action = 'customerListExported'"))[0]!.n;
  const csv = await request.get(`${server.url}/api/customers/export?kind=rfm&key=champions`, { headers: { Cookie: server.cookie } });
  expect(csv.status()).toBe(200);
  expect((await query<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE action = 'customerListExported'"))[0]!.n).toBe(exportsBefore + 1);

  // The recompute queue takes a request (a write of its own), as `clv recompute` or a settings change would.
  const started = Date.now();
  await serverData.run("INSERT INTO recompute_queue (id, requested) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET requested = recompute_queue.requested + 1");
  expect(Date.now() - started, "the queue write did not wait for the upload").toBeLessThan(4_000);
  // The history shows the upload while it arrives (a server stopped now would leave this trace).
  expect(await query("SELECT status FROM imports WHERE file_name = 'langzaam.csv'"), "the upload was still coming in").toEqual([{ status: "receiving" }]);

  await sending;
  await answered;
  expect(status).toBe(200);
  expect(JSON.parse(answer).report).toMatchObject({ status: "committed", imported: 8_000 });
  // The same row goes on as the import: one row in the history.
  expect(await query("SELECT status, imported FROM imports WHERE file_name = 'langzaam.csv'")).toEqual([{ status: "committed", imported: 8_000 }]);
});
