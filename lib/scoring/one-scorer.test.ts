import { describe, expect, test } from "vitest";
import { purchaseModelDefinition } from "@/lib/clv/models";
import type { PurchaseModelName } from "@/lib/clv/types";
import { scoreCustomers } from "@/lib/clv/score";
import { summarizeTransactionRows, type Transaction } from "@/lib/clv/summary";
import { LIFETIMES_UNITS_PER_MONTH } from "@/lib/clv/clv";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { computeScores } from "./compute-scores";
import { demoBuyers, demoTransactions } from "./demo-transactions.test-helpers";

/**
 * One scorer: the command line (`clv score` → scoreCustomers) and the recompute job (computeScores) give
 * every customer the same P(alive), expected purchases and CLV for the same model, parameters and
 * options, on the same purchases. The job fits its model; the command line is given those estimates.
 */
const DEMO = { customers: 600, seed: 5, years: 2, endDate: "2026-02-14" };
const customers = demoBuyers(DEMO);

describe.each<PurchaseModelName>(["bgnbd", "paretonbd", "mbgnbd"])("the command line and the recompute job score alike (%s)", (model) => {
  test("P(alive), expected purchases over the horizon and CLV per customer", () => {
    const settings = { ...DEFAULT_SETTINGS, model, horizonMonths: 12, discountRateYearly: 0.1 };
    const job = computeScores(demoTransactions(DEMO), settings);
    const fit = job.fit;
    expect(fit.purchaseModel.name).toBe(model);

    // What `clv score` reads: one row per purchase (refunds are no purchase for the models), in currency units.
    const purchases: Transaction[] = customers.flatMap((c) => c.transactions.filter((t) => t.revenueCents >= 0).map((t) => ({ customerId: String(c.id), date: t.purchaseDate, amount: t.revenueCents / 100 })));
    const table = summarizeTransactionRows(purchases, { unit: "week", calibrationEnd: job.asOfDate });
    const cli = scoreCustomers(table, purchaseModelDefinition(model).fromParams(fit.purchaseModel.params), fit.spendModel!.params, {
      unit: "week",
      horizonMonths: settings.horizonMonths,
      discountRateMonthly: (1 + settings.discountRateYearly) ** (1 / 12) - 1,
      margin: fit.margin.applied,
      horizon: settings.horizonMonths * LIFETIMES_UNITS_PER_MONTH.week,
    });

    const at = new Map(Array.from(job.figures.customerIds, (id, i) => [String(id), i]));
    expect(table.customers).toBe(job.figures.customerIds.length);
    let compared = 0;
    for (let i = 0; i < table.customers; i++) {
      const j = at.get(table.ids[i]!)!;
      expect(cli.probabilityAlive[i]).toBe(job.figures.probabilityAlive![j]);
      expect(Math.abs(cli.expectedPurchases[i]! - job.figures.expectedPurchases[j]!)).toBeLessThan(1e-9);
      // The job stores CLV in whole cents.
      expect(Math.round(cli.clv[i]! * 100)).toBe(job.figures.predictedClvCents[j]);
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
  }, 120_000);
});
