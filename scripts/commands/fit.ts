import { fitGammaGamma } from "../../lib/clv/gamma-gamma";
import { purchaseModelDefinition } from "../../lib/clv/models";
import { summarizeTransactions } from "../../lib/clv/summary";
import type { FitResult, RfmColumns, TimeUnit } from "../../lib/clv/types";
import { UsageError, parseCommandArgs, printJson, type Command } from "./command";
import { columnsOption, dateOption, readSummaryCsv, readTransactionsCsv, unitOption, type OptionValues } from "./clv-input";

const usage = `Usage: npm run --silent clv -- fit (--transactions FILE | --summary FILE) --model bgnbd|mbgnbd|paretonbd|gammagamma
         [--unit day|week|month] [--calibration-end YYYY-MM-DD] [--columns customer=…,date=…,amount=…]

Fits a model by maximum likelihood and prints { model, unit, customers, params, standardErrors,
logLikelihood, converged, iterations, seconds } as JSON. A transactions file has the columns
customer_id,date,amount (ISO dates; rename with --columns); it is summarised in --unit (default week) up to
--calibration-end (default: the last transaction date). A summary file has the columns ID|customer_id,
x|frequency, t_x|recency, T and zbar|monetary, in the unit given by --unit. gammagamma is fitted on the
customers with repeat purchases and positive spend.`;

/** The summary columns from either input (shared by fit and score). */
export function loadSummary(options: OptionValues, unit: TimeUnit): RfmColumns & { monetary: Float64Array; ids: string[] } {
  const { transactions, summary } = options;
  if ((typeof transactions === "string") === (typeof summary === "string")) throw new UsageError("give exactly one of --transactions FILE or --summary FILE");
  if (typeof summary === "string") {
    if (options["calibration-end"] !== undefined || options.columns !== undefined) throw new UsageError("--calibration-end and --columns apply to --transactions only");
    return readSummaryCsv(summary);
  }
  const table = summarizeTransactions(readTransactionsCsv(transactions as string, columnsOption(options)), {
    unit,
    calibrationEnd: dateOption(options, "calibration-end"),
  });
  return table;
}

export const fitCommand: Command = {
  name: "fit",
  summary: "fit a purchase (BG/NBD, MBG/NBD, Pareto/NBD) or spend (Gamma-Gamma) model, print parameters as JSON",
  usage,
  run(args) {
    const { values: options } = parseCommandArgs("fit", args, {
      transactions: { type: "string" },
      summary: { type: "string" },
      model: { type: "string" },
      unit: { type: "string" },
      "calibration-end": { type: "string" },
      columns: { type: "string" },
    });
    const modelName = options.model;
    if (modelName === undefined) throw new UsageError("--model is required (bgnbd, mbgnbd, paretonbd or gammagamma)");
    const unit = unitOption(options);
    const data = loadSummary(options, unit);
    let fit: FitResult;
    if (modelName === "gammagamma") {
      fit = fitGammaGamma(data);
    } else {
      let definition;
      try {
        definition = purchaseModelDefinition(modelName);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      fit = definition.fit(data);
    }
    printJson({
      model: fit.model,
      unit,
      customers: fit.customers,
      params: fit.params,
      standardErrors: fit.standardErrors,
      logLikelihood: fit.logLikelihood,
      converged: fit.converged,
      iterations: fit.iterations,
      seconds: fit.seconds,
    });
  },
};
