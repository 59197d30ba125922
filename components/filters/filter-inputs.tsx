"use client";

const fieldClass = "h-9 rounded-md border border-border bg-card px-2 text-sm text-foreground";
const labelClass = "flex flex-col gap-1 text-xs text-muted-foreground";

/** A labelled select with an "all" choice first; a choice applies the filter at once. */
export function SelectField({
  name,
  label,
  any,
  value,
  choices,
  onChange,
}: {
  name: string;
  label: string;
  /** The label of the empty choice ("All"). */
  any: string;
  value: string;
  choices: { value: string; label: string }[];
  /** Called with the form and this select, the field in use (it gets the keyboard focus back afterwards). */
  onChange: (form: HTMLFormElement, fieldInUse: HTMLSelectElement) => void;
}) {
  return (
    <label className={labelClass}>
      {label}
      <select name={name} defaultValue={value} className={fieldClass} onChange={(event) => onChange(event.currentTarget.form!, event.currentTarget)}>
        <option value="">{any}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A labelled date field. It applies when it loses focus with a new date (or with Enter, which submits the
 * form), not on every change: typing a year digit by digit passes through dates such as 0002-01-31.
 */
export function DateField({ name, label, value, onCommit }: { name: string; label: string; value: string; onCommit: (form: HTMLFormElement) => void }) {
  return (
    <label className={labelClass}>
      {label}
      <input
        type="date"
        name={name}
        defaultValue={value}
        min="1900-01-01"
        max="2999-12-31"
        className={fieldClass}
        onBlur={(event) => {
          if (event.currentTarget.value !== value) onCommit(event.currentTarget.form!);
        }}
      />
    </label>
  );
}
