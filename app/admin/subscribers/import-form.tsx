"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, inputClass, useFocusOnError } from "@/components/admin/form";
import { importAction, previewImportAction } from "./actions";
import type { ImportState } from "./import-state";

type Action = (state: ImportState, data: FormData) => Promise<ImportState>;

/** Step one uploads the file for a preview; step two sends the same text back to be checked again and imported. */
export function ImportForm() {
  const [previewState, preview, previewing] = useActionState(previewImportAction as Action, {} as ImportState);
  const [importState, runImport, importing] = useActionState(importAction as Action, {} as ImportState);
  // Whichever answered last is what the page shows.
  const state = (importState.at ?? 0) > (previewState.at ?? 0) ? importState : previewState;
  const ref = useFocusOnError(previewState);
  return (
    <div className="mt-6 space-y-6">
      <form ref={ref} key={previewState.at} action={preview} noValidate className="space-y-4">
        <FormStatus state={state} />
        <Field name="file" label="CSV file" hint="Choose the file again after fixing it." state={previewState}>
          {(p) => <input {...p} type="file" accept=".csv,text/csv,text/plain" required className={inputClass} />}
        </Field>
        <div className="flex items-center gap-4">
          <SubmitButton pending={previewing}>Check the file</SubmitButton>
          <Link href="/admin/subscribers" className="font-medium underline">
            Cancel
          </Link>
        </div>
      </form>
      {state.preview && <PreviewDetails preview={state.preview} />}
      {state === previewState && state.ok && state.csv && state.preview && state.preview.addCount > 0 && (
        <form action={runImport}>
          <input type="hidden" name="csv" value={state.csv} />
          <SubmitButton pending={importing}>
            Import {state.preview.addCount} {state.preview.addCount === 1 ? "subscriber" : "subscribers"}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}

const box = "rounded-lg border border-slate-300 p-4 dark:border-slate-700";
const more = (shown: number, total: number) =>
  total > shown ? <p className="mt-2 text-sm">…and {total - shown} more.</p> : null;

function PreviewDetails({ preview }: { preview: NonNullable<ImportState["preview"]> }) {
  return (
    <section aria-labelledby="preview-heading" className="space-y-4">
      <h2 id="preview-heading" className="text-lg font-semibold">
        What the file holds
      </h2>
      <p>
        {preview.rows} {preview.rows === 1 ? "line" : "lines"} read: {preview.addCount} to add, {preview.mergedCount}{" "}
        merged or already on the list, {preview.errorCount} with errors.
      </p>
      <PreviewList
        title="Errors (nothing is imported until they are fixed)"
        shown={preview.errors}
        total={preview.errorCount}
        tone="error"
      >
        {(e) => e.message}
      </PreviewList>
      <PreviewList title="To add" shown={preview.toAdd} total={preview.addCount}>
        {(r) => `${r.email} · ${r.components === null ? "everything" : r.components.join(", ")}`}
      </PreviewList>
      <PreviewList title="Merged or already on the list" shown={preview.merged} total={preview.mergedCount}>
        {(r) => `${r.email}: ${r.reason}`}
      </PreviewList>
    </section>
  );
}

function PreviewList<T extends { line: number }>({
  title,
  shown,
  total,
  tone,
  children,
}: {
  title: string;
  shown: T[];
  total: number;
  tone?: "error";
  children: (row: T) => string;
}) {
  if (total === 0) return null;
  return (
    <div className={tone === "error" ? `${box} border-red-600 dark:border-red-400` : box}>
      <h3 className={tone === "error" ? "font-semibold text-red-800 dark:text-red-200" : "font-semibold"}>{title}</h3>
      <ul className="mt-2 space-y-1 text-sm">
        {shown.map((r) => (
          <li key={r.line} className="break-words">
            <span className="font-mono">Line {r.line}:</span> {children(r)}
          </li>
        ))}
      </ul>
      {more(shown.length, total)}
    </div>
  );
}
