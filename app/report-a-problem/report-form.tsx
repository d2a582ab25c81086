"use client";
import { useActionState, useEffect, useRef } from "react";
import { REPORT_LIMITS, REPORT_PROBLEMS, type ReportProblem } from "@/db/constants";
import type { ComponentChoices } from "@/db/queries/subscribers";
import { Button } from "@/components/ui/button";
import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { reportProblemAction, type ReportState } from "./actions";

/** The form's words in the visitor's language (namespace "report-problem"), resolved by the page. */
export type ReportFormText = Record<
  | "service"
  | "choose"
  | "somethingElse"
  | "problem"
  | "details"
  | "optional"
  | "detailsHint"
  | "email"
  | "emailHint"
  | "tooMany"
  | "sending"
  | "send"
  | "sentHeading"
  | "sentBody"
  | "sentJoins"
  | "sentFollow"
  | "sentFixed",
  string
> & { problems: Record<ReportProblem, string> };

const input = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900";
const errorText = "mt-1 text-sm text-red-700 dark:text-red-400";

/**
 * The report form. It works without JavaScript (a Server Action form posts natively and the page comes back
 * with the answer); after an error every field shows what was typed and focus moves to the first error.
 */
export function ReportForm({
  choices,
  service,
  lang,
  text,
}: {
  choices: ComponentChoices;
  service: string | null;
  lang: PageLanguage;
  text: ReportFormText;
}) {
  const [state, action, pending] = useActionState<ReportState, FormData>(reportProblemAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state?.status === "invalid" ? state.errors : {};
  const values = state && "values" in state ? state.values : undefined;
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  if (state?.status === "sent") {
    return (
      <div
        role="status"
        className="rounded-md border border-green-300 bg-green-50 p-4 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
      >
        <h2 className="font-semibold">{text.sentHeading}</h2>
        <p className="mt-1">
          {text.sentBody}
          {state.incidentId ? (
            <>
              {" "}
              {text.sentJoins}{" "}
              <a href={hrefIn(lang, `/incidents/${state.incidentId}`)} className="underline">
                {text.sentFollow}
              </a>
            </>
          ) : null}{" "}
          {text.sentFixed}
        </p>
      </div>
    );
  }
  const chosen = values?.service ?? service ?? "";
  return (
    <form key={state?.at ?? 0} ref={formRef} action={action} className="space-y-5" noValidate>
      <div>
        <label htmlFor="service" className="block font-medium">
          {text.service}
        </label>
        <select
          id="service"
          name="service"
          defaultValue={chosen}
          aria-invalid={errors.service ? true : undefined}
          aria-describedby="service-error"
          className={input}
        >
          <option value="">{text.choose}</option>
          {choices.map((g) => (
            <optgroup key={g.id} label={g.name}>
              {g.components.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          ))}
          <option value="other">{text.somethingElse}</option>
        </select>
        <p id="service-error" aria-live="polite" className={errorText}>
          {errors.service?.[0]}
        </p>
      </div>
      <fieldset aria-describedby="problem-error">
        <legend className="font-medium">{text.problem}</legend>
        {REPORT_PROBLEMS.map((p, i) => (
          <label key={p} className="mt-1 flex items-center gap-2">
            <input
              type="radio"
              name="problem"
              value={p}
              defaultChecked={values?.problem === p}
              aria-invalid={i === 0 && errors.problem ? true : undefined}
            />
            {text.problems[p]}
          </label>
        ))}
        <p id="problem-error" aria-live="polite" className={errorText}>
          {errors.problem?.[0]}
        </p>
      </fieldset>
      <div>
        <label htmlFor="details" className="block font-medium">
          {text.details} <span className="font-normal text-slate-600 dark:text-slate-400">{text.optional}</span>
        </label>
        <textarea
          id="details"
          name="details"
          rows={4}
          maxLength={REPORT_LIMITS.details}
          defaultValue={values?.details}
          aria-invalid={errors.details ? true : undefined}
          aria-describedby="details-hint details-error"
          className={input}
        />
        <p id="details-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {text.detailsHint}
        </p>
        <p id="details-error" aria-live="polite" className={errorText}>
          {errors.details?.[0]}
        </p>
      </div>
      <div>
        <label htmlFor="email" className="block font-medium">
          {text.email} <span className="font-normal text-slate-600 dark:text-slate-400">{text.optional}</span>
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          maxLength={254}
          defaultValue={values?.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby="email-hint email-error"
          className={input}
        />
        <p id="email-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {text.emailHint}
        </p>
        <p id="email-error" aria-live="polite" className={errorText}>
          {errors.email?.[0]}
        </p>
      </div>
      {/* The honeypot: hidden from people and from assistive technology. */}
      <div aria-hidden="true" className="hidden">
        <label htmlFor="website">Website</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      {state?.status === "unavailable" ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
      {state?.status === "too-many" ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {text.tooMany}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? text.sending : text.send}
      </Button>
    </form>
  );
}
