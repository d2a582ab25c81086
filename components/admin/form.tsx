"use client";
// Form building blocks for the console: labelled fields wired to their errors (aria-describedby,
// aria-invalid), one aria-live region per form for the outcome, focus moved to the first error, and a
// submit button that is disabled while the action runs.
import { useEffect, useRef, type ReactNode } from "react";
import type { FormState } from "@/services/auth/action";
import { Button } from "@/components/ui/button";

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:aria-[invalid=true]:border-red-400";

/** Moves focus to the first invalid field (or the message) whenever a new answer arrives. */
export function useFocusOnError(state: FormState) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state.at || state.ok) return;
    const form = ref.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>("[data-form-status]");
    target?.focus();
  }, [state.at, state.ok]);
  return ref;
}

export function FormStatus({ state, successMessage }: { state: FormState; successMessage?: string }) {
  const text = state.message ?? (state.ok ? successMessage : undefined);
  return (
    <div
      data-form-status
      tabIndex={-1}
      role={state.ok === false ? "alert" : "status"}
      aria-live={state.ok === false ? "assertive" : "polite"}
      className={
        text
          ? `rounded-md px-3 py-2 text-sm font-medium ${state.ok === false ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-green-50 text-green-800 dark:bg-green-950 dark:text-green-200"}`
          : "sr-only"
      }
    >
      {text}
    </div>
  );
}

export function fieldValue(state: FormState, name: string, fallback: string | null | undefined = ""): string {
  return state.values?.[name] ?? fallback ?? "";
}

/** A multi-value field (checkboxes) as the last answer returned it, else `initial`. */
export function fieldList(state: FormState, name: string, initial: readonly string[] = []): string[] {
  return state.values ? (state.values[name]?.split(",").filter(Boolean) ?? []) : [...initial];
}

interface FieldProps {
  name: string;
  label: string;
  state: FormState;
  hint?: string;
  /** Keeps ids unique when several forms on one page have a field of this name. */
  idSuffix?: string;
  children: (props: { id: string; name: string; "aria-describedby"?: string; "aria-invalid": boolean }) => ReactNode;
}

/** A label, a control (given by the render prop) and its hint and errors, wired together. */
export function Field({ name, label, state, hint, idSuffix = "", children }: FieldProps) {
  const id = `field-${name}${idSuffix}`;
  const errors = state.errors?.[name];
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {children({ id, name, "aria-describedby": describedBy || undefined, "aria-invalid": Boolean(errors?.length) })}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  hint,
  defaultChecked,
  idSuffix = "",
}: {
  name: string;
  label: string;
  hint?: string;
  defaultChecked: boolean;
  idSuffix?: string;
}) {
  const id = `field-${name}${idSuffix}`;
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-1 size-4"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

export function SubmitButton({
  pending,
  children,
  tone = "primary",
}: {
  pending: boolean;
  children: ReactNode;
  tone?: "primary" | "danger";
}) {
  return (
    <Button type="submit" variant={tone} disabled={pending} aria-disabled={pending}>
      {pending ? "Working…" : children}
    </Button>
  );
}
