"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/** The page's address pinned to a snapshot, so a colleague sees the same numbers after a recompute. */
export function shareableUrl(href: string, snapshotId: number): string {
  const url = new URL(href);
  if (!url.searchParams.has("snapshot")) url.searchParams.set("snapshot", String(snapshotId));
  return url.toString();
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain http on a company network: the older way still works there.
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.append(field);
  field.select();
  const copied = document.execCommand("copy");
  field.remove();
  if (!copied) throw new Error("copy refused");
}

/** "Copy link": the page with its filters and its snapshot, for a meeting chat or an e-mail. */
export function CopyLinkButton({ snapshotId }: { snapshotId: number }) {
  const t = useTranslations("snapshot");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        data-share-url
        onClick={async () => {
          try {
            await copyText(shareableUrl(window.location.href, snapshotId));
            setState("copied");
          } catch {
            setState("failed");
          }
          setTimeout(() => setState("idle"), 4000);
        }}
        className="rounded-md border border-border px-2 py-0.5 text-xs font-medium text-muted-foreground hover:bg-muted hover:text-foreground"
      >
        {t("copyLink")}
      </button>
      <span role="status" aria-live="polite" className="text-xs text-muted-foreground">
        {state === "copied" ? t("linkCopied") : state === "failed" ? t("linkNotCopied") : ""}
      </span>
    </span>
  );
}
