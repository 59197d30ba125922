/** A labelled progress bar; without `share` it shows that work goes on without a known end. */
export function ProgressBar({ label, share, detail }: { label: string; share: number | null; detail?: string }) {
  const percent = share === null ? null : Math.round(Math.min(1, Math.max(0, share)) * 100);
  return (
    <div>
      <div className="flex justify-between text-sm">
        <span id="import-progress-label">{label}</span>
        {percent === null ? null : <span className="tabular-nums text-muted-foreground">{percent}%</span>}
      </div>
      <div
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={detail}
        className="mt-2 h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className={percent === null ? "h-full w-1/3 animate-pulse rounded-full bg-accent" : "h-full rounded-full bg-accent transition-[width]"} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      {detail ? <p className="mt-1 text-xs text-muted-foreground">{detail}</p> : null}
    </div>
  );
}
