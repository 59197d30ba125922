"use client";

import { Link } from "@/components/ui/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";

export interface Slide {
  id: string;
  title: string;
  /** What the presenter says; shown below the slide when notes are on, never on the slide. */
  note?: string;
  content: ReactNode;
}

/** The stage slides are laid out on; it is scaled to the screen, so type is large on a projector. */
const STAGE = { width: 1280, height: 720 };

/**
 * The presentation: one slide at a time on a 16:9 stage scaled to the window, moved with the arrow keys,
 * space, Page Up/Down, Home/End or the buttons; F for full screen, N for speaker notes, Esc to close. The
 * slide number is kept in the URL (`slide=3`), so a reload or a shared link opens the same slide.
 */
export function Presentation({ slides, initialSlide, privacyHref, privacy, closeHref, banner }: { slides: Slide[]; initialSlide: number; privacyHref: string; privacy: boolean; closeHref: string; banner: ReactNode }) {
  const t = useTranslations("present");
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [index, setIndex] = useState(Math.min(Math.max(initialSlide, 0), slides.length - 1));
  const [notes, setNotes] = useState(false);
  const [scale, setScale] = useState(1);
  const [fullScreen, setFullScreen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const viewport = useRef<HTMLDivElement>(null);

  const go = useCallback(
    (next: number) => {
      const bounded = Math.min(Math.max(next, 0), slides.length - 1);
      setIndex(bounded);
      const params = new URLSearchParams(searchParams.toString());
      params.set("slide", String(bounded + 1));
      router.replace(`${pathname}?${params.toString()}`, { scroll: false });
    },
    [slides.length, searchParams, router, pathname],
  );

  const toggleFullScreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void root.current?.requestFullscreen?.().catch(() => undefined);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName)) return;
      if (["ArrowRight", "ArrowDown", "PageDown", " "].includes(event.key)) go(index + 1);
      else if (["ArrowLeft", "ArrowUp", "PageUp"].includes(event.key)) go(index - 1);
      else if (event.key === "Home") go(0);
      else if (event.key === "End") go(slides.length - 1);
      else if (event.key === "n" || event.key === "N") setNotes((value) => !value);
      else if (event.key === "f" || event.key === "F") toggleFullScreen();
      else if (event.key === "Escape" && !document.fullscreenElement) router.push(closeHref);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [index, go, slides.length, toggleFullScreen, router, closeHref]);

  useEffect(() => {
    const fit = () => {
      const box = viewport.current?.getBoundingClientRect();
      if (box) setScale(Math.min(box.width / STAGE.width, box.height / STAGE.height));
    };
    const onFullScreen = () => setFullScreen(Boolean(document.fullscreenElement));
    fit();
    const observer = new ResizeObserver(fit);
    if (viewport.current) observer.observe(viewport.current);
    document.addEventListener("fullscreenchange", onFullScreen);
    return () => {
      observer.disconnect();
      document.removeEventListener("fullscreenchange", onFullScreen);
    };
  }, [notes]);

  const slide = slides[index]!;
  return (
    <div ref={root} className="fixed inset-0 z-40 flex flex-col bg-background text-foreground" data-presentation data-slide-index={index + 1}>
      <div role="toolbar" aria-label={t("toolbar")} className="flex flex-wrap items-center gap-3 border-b border-border bg-card px-4 py-2 text-sm">
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0} className="rounded-md border border-border px-2.5 py-1 disabled:opacity-40" aria-label={t("previous")}>
          ←
        </button>
        <span aria-live="polite" className="tabular-nums" data-slide-counter>
          {t("slideOf", { current: index + 1, total: slides.length })}
        </span>
        <button type="button" onClick={() => go(index + 1)} disabled={index === slides.length - 1} className="rounded-md border border-border px-2.5 py-1 disabled:opacity-40" aria-label={t("next")}>
          →
        </button>
        <span className="hidden flex-1 truncate text-muted-foreground md:block">{banner}</span>
        {/* A full page load, not a client navigation: the page's data must not keep the names it had. */}
        <a href={privacyHref} className="rounded-md border border-border px-2.5 py-1" aria-pressed={privacy} role="button">
          {privacy ? `✓ ${t("privacyOn")}` : t("privacyOff")}
        </a>
        <button type="button" onClick={() => setNotes((value) => !value)} className="rounded-md border border-border px-2.5 py-1" aria-pressed={notes}>
          {notes ? t("hideNotes") : t("showNotes")}
        </button>
        <button type="button" onClick={toggleFullScreen} className="rounded-md border border-border px-2.5 py-1">
          {fullScreen ? t("exitFullScreen") : t("fullScreen")}
        </button>
        <Link href={closeHref} className="rounded-md px-2.5 py-1 text-accent underline">
          {t("close")}
        </Link>
      </div>
      <div ref={viewport} className="relative flex-1 overflow-hidden" onClick={(event) => {
        // A click on the slide's empty space moves on, as in presentation software; links and buttons keep working.
        if ((event.target as HTMLElement).closest("a,button,summary,input,select")) return;
        go(index + (event.clientX < window.innerWidth / 3 ? -1 : 1));
      }}>
        <section
          aria-roledescription="slide"
          aria-label={slide.title}
          className="absolute left-1/2 top-1/2 overflow-hidden rounded-xl bg-card p-10 shadow-sm"
          style={{ width: STAGE.width, height: STAGE.height, transform: `translate(-50%, -50%) scale(${scale * 0.96})` }}
          data-slide={slide.id}
        >
          <h1 className="mb-6 text-4xl font-semibold tracking-tight">{slide.title}</h1>
          <div className="text-lg">{slide.content}</div>
        </section>
      </div>
      {notes ? (
        <aside aria-label={t("notes")} className="max-h-40 overflow-auto border-t border-border bg-card px-6 py-3 text-base" data-speaker-notes>
          {slide.note ? <p className="whitespace-pre-line">{slide.note}</p> : <p className="text-muted-foreground">{t("noNote")}</p>}
        </aside>
      ) : null}
    </div>
  );
}
