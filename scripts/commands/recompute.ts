import { getDatabase } from "../../lib/db";
import { getCurrentSnapshot } from "../../lib/queries/snapshots";
import { recomputeNow, runQueuedRecomputes } from "../../lib/recompute/runner";
import { parseCommandArgs, printJson, type Command } from "./command";
import { currentCommandLineActor, recordAuditEvent } from "../../lib/audit/record";

const usage = `Usage: npm run --silent clv -- recompute [--force] [--reason TEXT]

Computes a new snapshot of every customer's figures (CLV, P(alive), RFM, tiers, quadrants) from the
transactions and settings in the database at DATABASE_URL, and prints
{ status, snapshotId, asOf, customers, model, seconds, message } as JSON. When the data and settings are
unchanged since the current snapshot nothing is computed (status "up-to-date") unless --force is given.
When a recompute is already running (started by the app), waits for it and reports its result.
  --force         compute even when nothing changed
  --reason TEXT   recorded with the snapshot (default "command line")
  --queued        (used by the app) run the queued requests only; print nothing`;

export const recomputeCommand: Command = {
  name: "recompute",
  summary: "compute a new snapshot of every customer's CLV, RFM segment, tier and quadrant",
  usage,
  async run(args) {
    const { values } = parseCommandArgs("recompute", args, {
      force: { type: "boolean", default: false },
      reason: { type: "string" },
      queued: { type: "boolean", default: false },
    });
    const database = getDatabase();
    try {
      if (values.queued) {
        await runQueuedRecomputes(database);
        return;
      }
      const interactive = process.stderr.isTTY;
      let lastPhase = "";
      const { outcome } = await recomputeNow(database, {
        reason: values.reason ?? "command line",
        force: values.force,
        onProgress: (fraction, phase) => {
          if (!interactive || phase === lastPhase) return;
          lastPhase = phase;
          process.stderr.write(`\r${`recomputing, ${Math.round(fraction * 100)}%: ${phase}`.padEnd(70)}`);
        },
      });
      if (interactive && lastPhase) process.stderr.write("\n");
      await recordAuditEvent(database.db, currentCommandLineActor(), {
        action: "recompute",
        details: { status: outcome?.status ?? "unchanged", snapshotId: outcome?.snapshotId ?? null, reason: values.reason ?? "command line", force: values.force ?? false },
      });
      const current = await getCurrentSnapshot(database.db);
      const status = outcome?.status ?? "complete";
      const snapshotId = outcome?.snapshotId ?? current?.id ?? null;
      const shown = status === "failed" ? null : current;
      printJson({
        status,
        snapshotId,
        asOf: shown?.asOfDate ?? null,
        customers: shown?.customers ?? null,
        model: shown?.model ?? null,
        seconds: outcome ? Number(outcome.seconds.toFixed(2)) : null,
        message: outcome?.message ?? (outcome ? null : "Computed by the recompute that was already running."),
      });
      if (status === "failed") throw new Error(outcome?.message ?? "the recompute failed");
    } finally {
      await database.close();
    }
  },
};
