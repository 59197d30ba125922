import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "@/db/client";
import { claimImport, recoverInterruptedImports, recordUploadStart, UPLOAD_INTERRUPTED_MESSAGE } from "@/lib/import/store/import-record";
import { removeAbandonedUploads } from "./spool-upload";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "klantwaarde-upload-kill-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const uploads = path.join(folder, "uploads");
fs.mkdirSync(uploads);
const anna = { label: "anna@example.nl", userId: "user-anna", role: "analyst", source: "browser" as const };

/**
 * What the upload route does, in a process of its own: the history row first, then the body into a
 * temporary file. The body sends its first bytes and then nothing more, as a client on a dead line.
 */
const child = (databasePath: string) => `
import { openDatabase } from ${JSON.stringify(path.resolve("db/client.ts"))};
import { recordUploadStart } from ${JSON.stringify(path.resolve("lib/import/store/import-record.ts"))};
import { spoolUpload } from ${JSON.stringify(path.resolve("lib/import/upload/spool-upload.ts"))};
import { createUploadSource } from ${JSON.stringify(path.resolve("lib/import/upload/upload-source.ts"))};
const database = openDatabase(${JSON.stringify(databasePath)});
const id = recordUploadStart(database.sqlite, { kind: "transactions", fileName: "half.csv", by: ${JSON.stringify(anna)}, skipInvalid: false });
let sent = false;
const body = new ReadableStream({
  pull(controller) {
    if (sent) { console.log("receiving " + id); return new Promise(() => {}); }
    sent = true;
    controller.enqueue(new TextEncoder().encode("klant;datum;bedrag\\nK1;15-01-2026;10,00\\n"));
  },
});
await spoolUpload(createUploadSource(body, { maxBytes: 1e6, tooLargeMessage: "too large", idleTimeoutMs: 600000 }), ${JSON.stringify(uploads)});
`;

test("a server stopped (kill -9) during an upload leaves a 'receiving' row; the next start marks it interrupted, records it in the audit trail under the uploader, and removes the file", async () => {
  const databasePath = path.join(folder, "upload-kill.db");
  openDatabase(databasePath).close(); // migrated
  const script = path.join(folder, "upload-child.mts");
  fs.writeFileSync(script, child(databasePath));
  const process_ = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    process_.stdout.on("data", (data: Buffer) => {
      if (/receiving \d+/.test(data.toString())) resolve();
    });
    process_.on("exit", (code) => reject(new Error(`the upload process ended by itself (code ${code})`)));
  });
  process_.kill("SIGKILL");
  await new Promise((resolve) => process_.once("exit", resolve));

  const database = openDatabase(databasePath);
  try {
    const history = () => database.sqlite.prepare("SELECT id, file_name, status, message, pid FROM imports").all() as { id: number; status: string; message: string | null; pid: number | null }[];
    expect(history(), "the attempt is in the history while the file arrives").toMatchObject([{ file_name: "half.csv", status: "receiving", pid: process_.pid }]);
    expect(fs.readdirSync(uploads), "the received bytes are on disk").toHaveLength(1);

    // The next start (lib/startup-check.ts does these two).
    expect(recoverInterruptedImports(database.sqlite)).toEqual([history()[0]!.id]);
    expect(removeAbandonedUploads(uploads)).toBe(1);

    expect(history()).toMatchObject([{ status: "interrupted", message: UPLOAD_INTERRUPTED_MESSAGE, pid: null }]);
    expect(fs.readdirSync(uploads), "nothing of the upload stays on disk").toEqual([]);
    const events = database.sqlite.prepare("SELECT action, actor, actor_user_id, actor_role, source, target, details FROM audit_events").all() as Record<string, string>[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "import", actor: "anna@example.nl", actor_user_id: "user-anna", actor_role: "analyst", source: "browser", target: "half.csv" });
    expect(JSON.parse(events[0]!.details!)).toMatchObject({ status: "interrupted", during: "upload", imported: 0 });
    // Recovering again changes nothing and records nothing twice.
    expect(recoverInterruptedImports(database.sqlite)).toEqual([]);
    expect(database.sqlite.prepare("SELECT count(*) FROM audit_events").pluck().get()).toBe(1);
  } finally {
    database.close();
  }
}, 60_000);

test("a live upload's row is left alone by the recovery and goes on as its import: one row in the history", () => {
  const database = openDatabase(path.join(folder, "upload-live.db"));
  try {
    const uploadId = recordUploadStart(database.sqlite, { kind: "transactions", fileName: "live.csv", by: anna, skipInvalid: false });
    expect(uploadId).not.toBeNull();
    expect(recoverInterruptedImports(database.sqlite), "this process is alive").toEqual([]);
    const claimed = claimImport(database.sqlite, { kind: "transactions", fileName: "live.csv", by: anna, startedAt: new Date().toISOString(), skipInvalid: false, options: {}, uploadId });
    expect(claimed.id).toBe(uploadId);
    expect(database.sqlite.prepare("SELECT id, status, started_by FROM imports").all()).toEqual([{ id: uploadId, status: "running", started_by: JSON.stringify(anna) }]);
  } finally {
    database.close();
  }
});
