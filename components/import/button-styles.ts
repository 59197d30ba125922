/** Class names of the import page's buttons (the app has no shared button primitive yet). */
const base =
  "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:cursor-not-allowed disabled:opacity-50";

export const primaryButton = `${base} bg-accent text-accent-foreground hover:opacity-90`;
export const secondaryButton = `${base} border border-border bg-card text-foreground hover:bg-muted`;
