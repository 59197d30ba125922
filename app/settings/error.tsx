"use client";

import { Card } from "@/components/ui/card";

export default function SettingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Card className="mx-auto max-w-xl px-8 py-10 text-center" role="alert">
      <h1 className="text-xl font-semibold">The settings could not be shown</h1>
      <p className="mt-3 text-muted-foreground">{error.message || "Something went wrong while reading the settings."}</p>
      {error.digest ? <p className="mt-1 text-xs text-muted-foreground">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground hover:opacity-90">
        Try again
      </button>
    </Card>
  );
}
