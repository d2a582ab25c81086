"use client";
// A Markdown textarea with a live preview: the public page's own Markdown component (same renderer, same
// styles), and the emails use the same renderer, so the preview shows what is published and sent.
import { useState } from "react";
import type { FormState } from "@/services/auth/action";
import { Markdown } from "@/components/markdown";
import { Field, fieldValue, inputClass } from "./form";

export function MarkdownField({
  name,
  label,
  state,
  hint,
  initial = "",
  rows = 6,
  idSuffix = "",
}: {
  name: string;
  label: string;
  state: FormState;
  hint?: string;
  initial?: string;
  rows?: number;
  /** Keeps ids unique when the same field name appears in several forms on one page. */
  idSuffix?: string;
}) {
  const [text, setText] = useState(() => fieldValue(state, name, initial));
  const previewId = `preview-${name}${idSuffix}`;
  return (
    <div className="space-y-2">
      <Field
        name={name}
        label={label}
        hint={hint ?? "Markdown: **bold**, _italic_, [links](https://…), lists."}
        state={state}
        idSuffix={idSuffix}
      >
        {(p) => (
          <textarea {...p} rows={rows} value={text} onChange={(e) => setText(e.target.value)} className={inputClass} />
        )}
      </Field>
      <section
        role="group"
        aria-labelledby={`${previewId}-title`}
        className="rounded-md border border-dashed border-slate-300 p-3 dark:border-slate-600"
      >
        {/* A label, not a heading: the field sits at different heading depths on different pages. */}
        <p
          id={`${previewId}-title`}
          className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400"
        >
          Preview
        </p>
        {text.trim() ? (
          <Markdown source={text} data-markdown-preview="" className="mt-1 break-words" />
        ) : (
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">Nothing written yet.</p>
        )}
      </section>
    </div>
  );
}
