"use client";
// Adding or editing a static-copy target in Settings: a folder or an S3-compatible bucket, each field with its
// own error. The secret is never sent back to the browser: an edit shows that one is stored and keeps it when
// the field is left blank.
import { useActionState, useState } from "react";
import {
  CheckboxField,
  Field,
  FormStatus,
  SubmitButton,
  fieldValue,
  inputClass,
  useFocusOnError,
} from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import type { SettingsTargetFields } from "@/services/console/publishing";
import { removePublishTargetAction, savePublishTargetAction, testPublishTargetAction } from "./actions";

export function PublishTargetForm({ initial }: { initial?: SettingsTargetFields }) {
  const [state, run, pending] = useActionState(savePublishTargetAction, {} as FormState);
  const ref = useFocusOnError(state);
  const suffix = initial ? `-${initial.id}` : "-new";
  const [kind, setKind] = useState(fieldValue(state, "kind", initial?.kind ?? "folder"));
  const text = (name: keyof SettingsTargetFields, label: string, hint?: string, type = "text") => (
    <Field name={name} label={label} hint={hint} state={state} idSuffix={suffix}>
      {(p) => (
        <input
          {...p}
          type={type}
          defaultValue={fieldValue(state, name, String(initial?.[name] ?? ""))}
          className={inputClass}
          autoComplete="off"
        />
      )}
    </Field>
  );
  return (
    <form ref={ref} action={run} className="mt-3 space-y-3" noValidate>
      {initial && <input type="hidden" name="id" value={initial.id} />}
      {text("name", "Name", "For you: shown here and in the failure emails.")}
      <Field name="kind" label="Kind" state={state} idSuffix={suffix}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value)} className={inputClass}>
            <option value="folder">Folder on this server</option>
            <option value="s3">S3-compatible bucket (AWS S3, R2, B2, MinIO)</option>
          </select>
        )}
      </Field>
      {kind === "folder" ? (
        text("folder", "Folder", "An absolute path this server may write to, e.g. /srv/status-copy.")
      ) : (
        <>
          {text("bucket", "Bucket")}
          {text("prefix", "Prefix", "A folder inside the bucket; empty for its root.")}
          {text("region", "Region", "us-east-1 if unsure; auto for Cloudflare R2.")}
          {text(
            "endpoint",
            "Endpoint",
            "Empty for AWS. Otherwise the S3 API's http(s) address; private addresses are allowed (only owners and admins set this).",
          )}
          {text("accessKeyId", "Access key id", "Empty to use the server's own AWS credentials (an instance role).")}
          <Field
            name="secretAccessKey"
            label="Secret access key"
            hint={
              initial?.hasSecret
                ? "A secret is stored and never shown. Leave empty to keep it."
                : "Stored encrypted; never shown again."
            }
            state={state}
            idSuffix={suffix}
          >
            {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
          </Field>
          <CheckboxField
            name="forcePathStyle"
            label="Path-style requests"
            hint="On whenever an endpoint is given (MinIO and most S3-compatible servers need it)."
            defaultChecked={initial?.forcePathStyle ?? false}
            idSuffix={suffix}
          />
        </>
      )}
      <FormStatus state={state} />
      <SubmitButton pending={pending}>{initial ? "Save target" : "Add target"}</SubmitButton>
    </form>
  );
}

function TargetButton({
  id,
  action,
  label,
  tone,
}: {
  id: string;
  action: (s: FormState, d: FormData) => Promise<FormState>;
  label: React.ReactNode;
  tone?: "danger";
}) {
  const [state, run, pending] = useActionState(action, {} as FormState);
  return (
    <form action={run} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton pending={pending} tone={tone}>
        {label}
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

export function TargetButtons({ id, name }: { id: string; name: string }) {
  return (
    <div className="mt-3 flex flex-wrap items-start gap-3">
      <TargetButton
        id={id}
        action={testPublishTargetAction}
        label={
          <>
            Test connection<span className="sr-only"> of {name}</span>
          </>
        }
      />
      <TargetButton
        id={id}
        action={removePublishTargetAction}
        tone="danger"
        label={
          <>
            Remove<span className="sr-only"> {name}</span>
          </>
        }
      />
    </div>
  );
}
