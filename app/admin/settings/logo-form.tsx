"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, useFocusOnError } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { LOGO_MAX_BYTES } from "@/core/logo";
import { removeLogoAction, uploadLogoAction } from "./actions";

export function LogoForm({ logoUrl }: { logoUrl: string | null }) {
  const [state, action, pending] = useActionState(uploadLogoAction, {} as FormState);
  const [removeState, remove, removing] = useActionState(removeLogoAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <div className="mt-4 max-w-xl space-y-4">
      {logoUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- an uploaded file of any size, served by our route
        <img
          src={logoUrl}
          alt="Current logo"
          className="max-h-16 rounded border border-slate-300 bg-white p-2 dark:border-slate-700"
        />
      ) : (
        <p className="text-slate-700 dark:text-slate-300">No logo yet.</p>
      )}
      <form ref={ref} key={state.at} action={action} className="space-y-4">
        <FormStatus state={state} />
        <Field
          name="logo"
          label="Logo file"
          hint={`PNG, JPEG or SVG, up to ${LOGO_MAX_BYTES / 1024} KB. SVGs with scripts or links are refused.`}
          state={state}
        >
          {(p) => (
            <input
              {...p}
              type="file"
              accept="image/png,image/jpeg,image/svg+xml"
              className="mt-1 block w-full text-sm"
              // Said before uploading: a very large file would otherwise only meet the server's body limit.
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.setCustomValidity(
                  file && file.size > LOGO_MAX_BYTES
                    ? `This file is ${Math.ceil(file.size / 1024)} KB; the logo can be at most ${LOGO_MAX_BYTES / 1024} KB.`
                    : "",
                );
              }}
            />
          )}
        </Field>
        <SubmitButton pending={pending}>Upload logo</SubmitButton>
      </form>
      {logoUrl && (
        <form action={remove} onSubmit={(e) => !confirm("Remove the logo?") && e.preventDefault()}>
          <FormStatus state={removeState} />
          <SubmitButton pending={removing} tone="danger">
            Remove logo
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
