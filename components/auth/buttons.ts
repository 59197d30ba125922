export const primaryButtonClass =
  "rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground hover:opacity-90 disabled:opacity-60";
export const secondaryButtonClass = "rounded-md border border-border px-3 py-1.5 text-sm hover:bg-muted disabled:opacity-50";
