"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";

const STORAGE_KEY = "klantwaarde.pins";
const MAX_PINS = 12;

function subscribe(onChange: () => void): () => void {
  window.addEventListener("klantwaarde-pins", onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener("klantwaarde-pins", onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** The pins as stored (a string, so React can compare snapshots); none on the server. */
function usePinsText(): string {
  return useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(STORAGE_KEY) ?? "[]",
    () => "[]",
  );
}

/** The drill-downs pinned in this browser (`tier/1`, `cell/1.champions`, ...), oldest first. */
export function readPins(text: string = localStorage.getItem(STORAGE_KEY) ?? "[]"): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((pin): pin is string => typeof pin === "string" && /^[a-z]+\/[\w.-]+$/.test(pin)).slice(0, MAX_PINS) : [];
  } catch {
    return [];
  }
}

function writePins(pins: string[]) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(pins.slice(-MAX_PINS)));
  window.dispatchEvent(new Event("klantwaarde-pins"));
}

/** "Pin to presentation" on a drill-down: the presentation then has a slide for it. */
export function PinButton({ pin }: { pin: string }) {
  const t = useTranslations("present");
  const pinned = readPins(usePinsText()).includes(pin);
  return (
    <button
      type="button"
      aria-pressed={pinned}
      onClick={() => {
        const pins = readPins().filter((other) => other !== pin);
        writePins(pinned ? pins : [...pins, pin]);
      }}
      className="rounded-md border border-border px-2 py-0.5 text-xs font-medium text-muted-foreground hover:bg-muted hover:text-foreground"
    >
      {pinned ? t("unpin") : t("pin")}
    </button>
  );
}

/** The link to the presentation with every pinned drill-down as a slide. */
export function PresentLink() {
  const t = useTranslations("present");
  const pins = readPins(usePinsText());
  const query = new URLSearchParams(pins.map((pin) => ["pin", pin]));
  const href = `/present${pins.length > 0 ? `?${query.toString()}` : ""}`;
  return (
    <a href={href} className="rounded-md border border-border px-2.5 py-1 text-sm text-muted-foreground hover:text-foreground" data-present-link>
      {pins.length > 0 ? t("presentPinned", { count: pins.length }) : t("present")}
    </a>
  );
}
