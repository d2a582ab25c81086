// The report's period picker, one for the console and the public /report: a plain GET form (no JavaScript)
// with its label, hint and the error region the input points at. The caller gives the words (English in the
// console, translated on /report) and the buttons.
import type { ReactNode } from "react";

export function ReportPeriodForm({
  action,
  value,
  problem,
  text,
  inputClassName,
  errorClassName,
  children,
}: {
  action: string;
  value: string;
  problem: string | null;
  text: { label: string; hint?: string };
  inputClassName: string;
  errorClassName: string;
  /** The submit button, and anything beside it (the console's CSV link). */
  children: ReactNode;
}) {
  return (
    <>
      <form method="get" action={action} className="mt-4 flex flex-wrap items-end gap-3 print:hidden">
        <div>
          <label htmlFor="period" className="block text-sm font-medium">
            {text.label}
          </label>
          <input
            id="period"
            name="period"
            defaultValue={value}
            aria-invalid={problem ? true : undefined}
            aria-describedby={text.hint ? "period-hint period-error" : "period-error"}
            className={inputClassName}
          />
          {text.hint && (
            <p id="period-hint" className="mt-1 text-sm text-slate-700 dark:text-slate-300">
              {text.hint}
            </p>
          )}
        </div>
        {children}
      </form>
      <p id="period-error" role={problem ? "alert" : undefined} className={errorClassName}>
        {problem}
      </p>
    </>
  );
}
