"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Asks the recompute status every two seconds and reloads the page's data once the job is done (or failed). */
export function RefreshWhenComputed() {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch("/api/snapshots/status", { cache: "no-store" });
        if (!response.ok || stopped) return;
        const status = (await response.json()) as { state: string };
        if (status.state === "idle") {
          stopped = true;
          clearInterval(timer);
          router.refresh();
        }
      } catch {
        // Offline for a moment: ask again at the next tick.
      }
    }, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router]);
  return null;
}
