/**
 * The registry of purchase models: every model the comparison, the command line and the dashboard know.
 * A new model implements `PurchaseModelDefinition` (see types.ts) and is added here with one line.
 */
import { bgnbd } from "./bg-nbd";
import { InvalidInputError } from "./errors";
import { mbgnbd } from "./mbg-nbd";
import { paretonbd } from "./pareto-nbd";
import type { PurchaseModelDefinition, PurchaseModelName } from "./types";

export const purchaseModels: readonly PurchaseModelDefinition[] = [
  bgnbd,
  mbgnbd,
  paretonbd,
];

/**
 * The definition of a purchase model by name; throws `InvalidInputError` listing the known names.
 *
 * @example purchaseModelDefinition("bgnbd").label // "BG/NBD"
 */
export function purchaseModelDefinition(name: string): PurchaseModelDefinition {
  const definition = purchaseModels.find((candidate) => candidate.name === name);
  if (!definition) {
    throw new InvalidInputError(`unknown purchase model "${name}" (known: ${purchaseModels.map((m) => m.name).join(", ")})`);
  }
  return definition;
}

/**
 * Whether a name is a registered purchase model.
 *
 * @example isPurchaseModelName("gammagamma") // false (a spend model)
 */
export function isPurchaseModelName(name: string): name is PurchaseModelName {
  return purchaseModels.some((candidate) => candidate.name === name);
}
