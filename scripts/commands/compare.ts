import { compareModels } from "../../lib/clv/compare";
import { summarizeTransactions } from "../../lib/clv/summary";
import { UsageError, parseCommandArgs, printJson, type Command } from "./command";
import { columnsOption, dateOption, readTransactionsCsv, unitOption } from "./clv-input";

const usage = `Usage: npm run --silent clv -- compare --transactions FILE --calibration-end YYYY-MM-DD --holdout-end YYYY-MM-DD
         [--unit day|week|month] [--columns customer=…,date=…,amount=…]

Fits every purchase model (BG/NBD, MBG/NBD, and Pareto/NBD when available) to the calibration period and
prints, as JSON, each model's parameters, log-likelihood, AIC, BIC and its holdout accuracy: predicted vs
actual repeat purchases per customer (MAE, RMSE) and in total. A model that cannot be fitted is listed
with its error.`;

export const compareCommand: Command = {
  name: "compare",
  summary: "compare the purchase models: log-likelihood, AIC/BIC and holdout error (JSON)",
  usage,
  run(args) {
    const { values: options } = parseCommandArgs("compare", args, {
      transactions: { type: "string" },
      "calibration-end": { type: "string" },
      "holdout-end": { type: "string" },
      unit: { type: "string" },
      columns: { type: "string" },
    });
    const file = options.transactions;
    if (file === undefined) throw new UsageError("--transactions FILE is required");
    const calibrationEnd = dateOption(options, "calibration-end");
    const holdoutEnd = dateOption(options, "holdout-end");
    if (calibrationEnd === undefined || holdoutEnd === undefined) throw new UsageError("--calibration-end and --holdout-end are required");
    if (holdoutEnd <= calibrationEnd) throw new UsageError(`--holdout-end ${holdoutEnd} must be after --calibration-end ${calibrationEnd}`);
    const unit = unitOption(options);
    const table = summarizeTransactions(readTransactionsCsv(file, columnsOption(options)), { unit, calibrationEnd, holdoutEnd });
    const comparison = compareModels(table, { holdout: table.holdout });
    printJson({ unit, calibrationEnd, holdoutEnd, excludedCustomers: table.excludedCustomers, ...comparison });
  },
};
