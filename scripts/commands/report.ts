import { getDatabase } from "../../lib/db";
import { getSnapshotReport, type SnapshotReport } from "../../lib/queries/snapshots";
import { parseCommandArgs, printJson, type Command } from "./command";

const usage = `Usage: npm run --silent clv -- report [--json]

Prints the current snapshot: { snapshotId, asOf, customers, model, params, standardErrors, currency,
totals: { historicClv, predictedClv }, tiers: [{ name, customers, predictedClv, valueShare }],
quadrants: [{ name, customers, predictedClv, valueShare, tactic }], rfm: [{ segment, customers, predictedClv }] }.
Money in currency units. Without --json a short table is printed. Fails when there is no snapshot yet
(run \`clv recompute\`).`;

const money = (value: number) => value.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function printTable(report: SnapshotReport): void {
  const lines = [
    `snapshot ${report.snapshotId} as of ${report.asOf}: ${report.customers.toLocaleString("en")} customers, model ${report.model}`,
    `historic CLV ${money(report.totals.historicClv)} ${report.currency}, predicted CLV ${money(report.totals.predictedClv)} ${report.currency}`,
    "",
    "tier".padEnd(24) + "customers".padStart(12) + "predicted CLV".padStart(18) + "share".padStart(8),
    ...report.tiers.map((t) => t.name.padEnd(24) + t.customers.toLocaleString("en").padStart(12) + money(t.predictedClv).padStart(18) + percent(t.valueShare).padStart(8)),
    "",
    "quadrant".padEnd(24) + "customers".padStart(12) + "predicted CLV".padStart(18) + "share".padStart(8),
    ...report.quadrants.map((q) => q.name.padEnd(24) + q.customers.toLocaleString("en").padStart(12) + money(q.predictedClv).padStart(18) + percent(q.valueShare).padStart(8)),
    "",
    "RFM segment".padEnd(24) + "customers".padStart(12) + "predicted CLV".padStart(18),
    ...report.rfm.map((s) => s.segment.padEnd(24) + s.customers.toLocaleString("en").padStart(12) + money(s.predictedClv).padStart(18)),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

export const reportCommand: Command = {
  name: "report",
  summary: "the current snapshot: totals, tiers, quadrants and RFM segments (JSON with --json)",
  usage,
  async run(args) {
    const { values } = parseCommandArgs("report", args, { json: { type: "boolean", default: false } });
    const database = getDatabase();
    try {
      const report = await getSnapshotReport(database.db);
      if (!report) throw new Error("there is no snapshot yet: run `npm run --silent clv -- recompute` first");
      if (values.json) printJson(report);
      else printTable(report);
    } finally {
      await database.close();
    }
  },
};
