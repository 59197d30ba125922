"use client";

import { useActionState } from "react";
import { FieldErrors } from "@/components/ui/field";
import { savePrivacySettingsAction, type PrivacySettingsFormState } from "@/lib/actions/privacy-settings";
import { PERSONAL_DATA_AUDIENCES, type PersonalDataAudience } from "@/lib/privacy/masking";

const initialState: PrivacySettingsFormState = { errors: {}, message: null, saved: null };

/** The form's texts, from the server (the `privacy` catalogue is not sent to the browser: lib/i18n/client-namespaces.ts). */
export interface PrivacySettingsFormTexts {
  legend: string;
  audiences: Record<PersonalDataAudience, string>;
  save: string;
  pending: string;
}

/** The admin's form: who sees customers' names and e-mail addresses (its own server action, no recompute). */
export function PrivacySettingsForm({ audience, texts }: { audience: PersonalDataAudience; texts: PrivacySettingsFormTexts }) {
  const [state, save, isPending] = useActionState(savePrivacySettingsAction, initialState);
  const errors = state.errors.personalDataAudience;
  return (
    <form action={save} className="space-y-3" data-privacy-form>
      <fieldset aria-describedby="personal-data-audience-error" aria-invalid={errors ? true : undefined}>
        <legend className="mb-2 text-sm font-medium">{texts.legend}</legend>
        <div className="space-y-1.5">
          {PERSONAL_DATA_AUDIENCES.map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" name="personalDataAudience" value={value} defaultChecked={(state.saved ?? audience) === value} />
              {texts.audiences[value]}
            </label>
          ))}
        </div>
      </fieldset>
      <FieldErrors id="personal-data-audience-error" errors={errors} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={isPending} className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground hover:opacity-90 disabled:opacity-60">
          {isPending ? texts.pending : texts.save}
        </button>
        <p role="status" aria-live="polite" className="text-sm text-muted-foreground" data-privacy-message>
          {state.message}
        </p>
      </div>
    </form>
  );
}
