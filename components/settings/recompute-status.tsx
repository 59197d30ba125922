"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { recomputeNowAction, type RecomputeActionState } from "@/lib/actions/settings";
import type { RecomputeStatus } from "@/lib/queries/snapshots";
import { formatCount, formatDate } from "@/lib/format";

const MODEL_NAMES: Record<string, string> = { bgnbd: "BG/NBD", mbgnbd: "MBG/NBD", paretonbd: "Pareto/NBD" };
const initialAction: RecomputeActionState = { message: null };

/** The recompute job's phase names (lib/recompute, English) to catalogue keys. */
const PHASE_KEYS: Record<string, "reading" | "summarising" | "retention" | "comparing" | "scoring" | "grouping" | "saving"> = {
  "Reading purchases": "reading",
  "Summarising purchases": "summarising",
  "Estimating retention": "retention",
  "Comparing models on a holdout period": "comparing",
  "Scoring customers": "scoring",
  "Tiers, segments and quadrants": "grouping",
  "Saving every customer's figures": "saving",
};

/**
 * The recompute job's state, kept fresh by polling `/api/snapshots/status` (every second while it works,
 * every five seconds otherwise). When a recompute finishes the page is refreshed to show the new snapshot.
 */
export function RecomputeStatusPanel({ initial, locale }: { initial: RecomputeStatus; locale: string }) {
  const t = useTranslations("settings");
  const tPhase = useTranslations("settings.phases");
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const [action, recompute, isPending] = useActionState(recomputeNowAction, initialAction);
  const previousState = useRef(initial.state);
  const busy = status.state !== "idle" || isPending;

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(
      async () => {
        try {
          const response = await fetch("/api/snapshots/status", { cache: "no-store" });
          if (!response.ok || cancelled) return;
          const next = (await response.json()) as RecomputeStatus;
          if (cancelled) return;
          if (previousState.current !== "idle" && next.state === "idle") router.refresh();
          previousState.current = next.state;
          setStatus(next);
        } catch {
          // Offline for a moment: try again at the next tick.
          if (!cancelled) setStatus((current) => ({ ...current }));
        }
      },
      busy ? 1000 : 5000,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [status, busy, router]);

  const percent = Math.round((status.progress ?? 0) * 100);
  const phaseText = (phase: string | null) => {
    if (!phase) return "";
    const key = PHASE_KEYS[phase];
    if (key) return tPhase(key);
    return phase.startsWith("Fitting ") ? tPhase("fitting", { model: phase.slice("Fitting ".length) }) : phase;
  };
  return (
    <div className="space-y-3">
      <div role="status" aria-live="polite" className="text-sm">
        {status.state === "running" ? (
          <div className="space-y-2">
            <p className="font-medium">
              {t("status.recomputing", { percent })}<span className="font-normal text-muted-foreground"> · {phaseText(status.phase)}</span>
            </p>
            <div role="progressbar" aria-label={t("status.progress")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full overflow-hidden rounded-full bg-muted">
              <div className="h-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
            </div>
          </div>
        ) : status.state === "queued" ? (
          <p className="font-medium">{t("status.queued")}</p>
        ) : status.current ? (
          <p>
            <span className="font-medium">{t("status.upToDate")}</span>{" "}
            {t("status.current", {
              id: String(status.current.id),
              asOf: formatDate(status.current.asOfDate, locale),
              customers: formatCount(status.current.customers, locale),
              model: status.current.model === "simple" ? t("models.simpleShort") : (MODEL_NAMES[status.current.model] ?? status.current.model),
              date: formatDate(status.current.finishedAt.slice(0, 10), locale),
              time: status.current.finishedAt.slice(11, 16),
            })}
          </p>
        ) : (
          <p className="font-medium">{t("status.none")}</p>
        )}
      </div>
      {status.lastFailure ? (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/5 px-3 py-2 text-sm text-danger">
          {t("status.failed", { message: status.lastFailure.message })}
          {status.current ? ` ${t("status.stillShowing", { id: String(status.current.id) })}` : ""}
        </p>
      ) : null}
      <form action={recompute} className="flex items-center gap-3">
        <button type="submit" disabled={busy} className="rounded-md border border-border px-3 py-1.5 text-sm hover:bg-muted disabled:opacity-50">
          {t("status.recomputeNow")}
        </button>
        {action.message ? <span className="text-sm text-muted-foreground">{action.message}</span> : null}
      </form>
    </div>
  );
}
