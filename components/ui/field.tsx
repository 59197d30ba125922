import type { ReactNode } from "react";

export const inputClass =
  "rounded-md border border-border bg-card px-3 py-2 text-sm tabular-nums text-foreground focus:outline-2 focus:outline-offset-1 focus:outline-accent aria-[invalid=true]:border-danger";

/** The error messages of one field, announced when they appear. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={id} aria-live="polite" className="min-h-0 text-sm text-danger">
      {errors?.join(" ")}
    </p>
  );
}

/** A labelled form field with an optional hint and its errors; `children` gets the input. */
export function Field({ id, label, hint, errors, children }: { id: string; label: string; hint?: ReactNode; errors?: string[]; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** aria attributes that tie an input to its hint and errors. */
export function describedBy(id: string, errors?: string[], hint = false) {
  return {
    "aria-invalid": errors && errors.length > 0 ? true : undefined,
    "aria-describedby": [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" "),
  } as const;
}
