import { isAuditAction, AUDIT_ACTIONS } from "../../lib/audit/events";
import { getDatabase } from "../../lib/db";
import { listAuditEvents } from "../../lib/queries/audit-events";
import { UsageError, parseCommandArgs, printJson, type Command } from "./command";

const usage = `Usage: npm run --silent clv -- audit [--action A] [--actor WHO] [--limit N] [--json]

The audit trail of the database at DATABASE_URL, newest first (the same as /admin/audit): who imported,
changed settings, recomputed, exported customer lists, managed users, erased customers, backed up or
restored, and when.
  --action A    only this action: ${AUDIT_ACTIONS.join(", ")}
  --actor WHO   only this person (an e-mail address, or "command line (login)")
  --limit N     at most N events (default 50)
  --json        print the events as JSON`;

export const auditCommand: Command = {
  name: "audit",
  summary: "the audit trail: who did what and when (newest first)",
  usage,
  async run(args) {
    const { values } = parseCommandArgs("audit", args, {
      action: { type: "string" },
      actor: { type: "string" },
      limit: { type: "string", default: "50" },
      json: { type: "boolean", default: false },
    });
    if (values.action !== undefined && !isAuditAction(values.action)) throw new UsageError(`unknown action "${values.action}"; one of ${AUDIT_ACTIONS.join(", ")}`);
    const limit = Number(values.limit);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100_000) throw new UsageError(`--limit must be a whole number from 1 to 100000 (not "${values.limit}")`);
    const { events, total } = await listAuditEvents({ action: values.action, actor: values.actor, page: 1, pageSize: limit }, getDatabase().db);
    if (values.json) {
      printJson({ total, events });
      return;
    }
    if (events.length === 0) process.stdout.write("Nothing recorded (with these filters).\n");
    for (const event of events) {
      const details = event.details ? ` ${JSON.stringify(event.details)}` : "";
      process.stdout.write(`${event.at}\t${event.actor}\t${event.action}\t${event.target ?? ""}${details}\n`);
    }
    if (total > events.length) process.stderr.write(`${events.length} of ${total} shown; --limit for more.\n`);
  },
};
