import type { ComponentChoices } from "@/db/queries/subscribers";
import { buttonClass } from "@/components/ui/button";

/**
 * "Something not working?" on the public page: a plain GET form (no JavaScript, cacheable) that opens the
 * report page with the service chosen, where any open incident about it is shown first.
 */
export function ReportProblem({ choices }: { choices: ComponentChoices }) {
  return (
    <section
      aria-labelledby="report-problem"
      className="mt-8 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
    >
      <h2 id="report-problem" className="text-lg font-semibold">
        Something not working?
      </h2>
      <form method="get" action="/report-a-problem" className="mt-2 flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <label htmlFor="report-service" className="block text-sm font-medium">
            Tell us which service
          </label>
          <select
            id="report-service"
            name="service"
            className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          >
            {choices.map((g) => (
              <optgroup key={g.id} label={g.name}>
                {g.components.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
            <option value="other">Something else</option>
          </select>
        </div>
        <button type="submit" className={buttonClass("inverse")}>
          Report a problem
        </button>
      </form>
    </section>
  );
}
