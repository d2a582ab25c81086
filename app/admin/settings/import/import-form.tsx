"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, fieldValue, inputClass, useFocusOnError } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { confirmImportAction, previewImportAction } from "./actions";

export function ImportForm() {
  const [state, action, pending] = useActionState(previewImportAction, {} as FormState);
  const [done, confirm, confirming] = useActionState(confirmImportAction, {} as FormState);
  const ref = useFocusOnError(state);
  const preview = typeof state.reveal?.preview === "string" ? state.reveal.preview : null;
  const token = typeof state.reveal?.previewToken === "string" ? state.reveal.previewToken : null;
  return (
    <>
      <form ref={ref} key={state.at} action={action} noValidate className="mt-4 max-w-xl space-y-5">
        <FormStatus state={state} />
        <Field name="pageId" label="Statuspage page id" hint="In Statuspage: your page, API info." state={state}>
          {(p) => <input {...p} autoComplete="off" defaultValue={fieldValue(state, "pageId")} className={inputClass} />}
        </Field>
        <Field
          name="apiToken"
          label="Statuspage API key"
          hint="Used for this preview only; it is not stored."
          state={state}
        >
          {(p) => <input {...p} type="password" autoComplete="off" className={inputClass} />}
        </Field>
        <Field
          name="fromUrl"
          label="Or the address of a public Statuspage page"
          hint="Without a key: services, groups and recent incidents only."
          state={state}
        >
          {(p) => (
            <input
              {...p}
              type="url"
              inputMode="url"
              placeholder="https://status.example.com"
              defaultValue={fieldValue(state, "fromUrl")}
              className={inputClass}
            />
          )}
        </Field>
        <SubmitButton pending={pending}>Preview import</SubmitButton>
      </form>
      {preview && token && (
        <section aria-labelledby="preview-heading" className="mt-8 max-w-3xl">
          <h2 id="preview-heading" className="text-lg font-semibold">
            Preview
          </h2>
          <pre
            tabIndex={0}
            aria-labelledby="preview-heading"
            className="mt-2 max-h-96 overflow-auto rounded-md border border-slate-300 bg-slate-50 p-3 text-sm whitespace-pre-wrap break-words dark:border-slate-700 dark:bg-slate-900"
          >
            {preview}
          </pre>
          <form action={confirm} className="mt-4 space-y-3">
            <FormStatus state={done} />
            <input type="hidden" name="previewToken" value={token} />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="prune" value="on" className="h-4 w-4" />
              Also remove what is gone at the source (services, groups, incidents and maintenances)
            </label>
            <SubmitButton pending={confirming}>Import</SubmitButton>
          </form>
        </section>
      )}
    </>
  );
}
