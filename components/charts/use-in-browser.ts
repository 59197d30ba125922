"use client";

import { useSyncExternalStore } from "react";

const never = () => () => undefined;

/**
 * False while the server renders and while the page hydrates, true from then on: a chart drawn only in the
 * browser (as Recharts' are) keeps its SVG out of the page's HTML, and hydration still matches.
 */
export function useInBrowser(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
