"use client";

/** Opens the browser's print dialog (where "Save as PDF" is). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-foreground">
      {label}
    </button>
  );
}
