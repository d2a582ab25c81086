import type { ReactNode } from "react";

// The one service picker: the public sign-up, webhook and preference forms, the console's "add subscriber"
// and every "affected services" choice. Plain checkboxes in the server's HTML, no hooks and no client directive,
// because the public pages are served as cached HTML with Next's scripts stripped: it must work as a plain
// HTML form post. Show/hide by scope is CSS only (.scope-choice / .scope-services in app/globals.css).

export interface ServiceChoiceGroup {
  /** A real group's id; null or absent for the services outside any group (no "whole group" box there). */
  id?: string | null;
  /** Shown as the group's legend; null or empty shows "Other services". */
  name: string | null;
  services: readonly { id: string; name: string }[];
}

export interface ServicePickerProps {
  groups: readonly ServiceChoiceGroup[];
  /** The form field each checked service is posted as. */
  name: string;
  selected?: readonly string[];
  /** When given, each real group gets a "The whole group" box posted under this name. */
  groupName?: string;
  selectedGroups?: readonly string[];
  /** An outer fieldset with this legend around the groups (leave out when the caller has its own). */
  legend?: string;
  /** Error messages for the choice, shown under it and announced; marks the boxes invalid. */
  errors?: readonly string[];
  /** The id of the error paragraph (also what the outer fieldset is described by). */
  errorId?: string;
  /** Shown instead of the boxes when there are no services at all. */
  empty?: ReactNode;
}

export function ServicePicker({
  groups,
  name,
  selected = [],
  groupName,
  selectedGroups = [],
  legend,
  errors,
  errorId,
  empty,
}: ServicePickerProps) {
  const shown = groups.filter((g) => g.services.length > 0);
  if (shown.length === 0)
    return <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">{empty ?? "No services yet."}</p>;
  const invalid = Boolean(errors?.length);
  const chosen = new Set(selected);
  const chosenGroups = new Set(selectedGroups);
  const list = (
    <div className="mt-3 space-y-3">
      {shown.map((group, i) => (
        <fieldset
          key={group.id ?? `ungrouped-${i}`}
          className="rounded-md border border-slate-300 p-3 dark:border-slate-700"
        >
          <legend className="px-1 text-sm font-semibold">{group.name || "Other services"}</legend>
          {groupName && group.id && (
            <label className="flex items-center gap-2 font-medium">
              <input
                type="checkbox"
                name={groupName}
                value={group.id}
                defaultChecked={chosenGroups.has(group.id)}
                aria-invalid={invalid || undefined}
              />
              The whole group
            </label>
          )}
          <ul className="mt-1 grid gap-1 sm:grid-cols-2">
            {group.services.map((s) => (
              <li key={s.id}>
                <label className="flex items-center gap-2 [overflow-wrap:anywhere]">
                  <input
                    type="checkbox"
                    name={name}
                    value={s.id}
                    defaultChecked={chosen.has(s.id)}
                    aria-invalid={invalid || undefined}
                  />
                  {s.name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </div>
  );
  const error =
    errorId && invalid ? (
      <p id={errorId} className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
        {errors!.join(" ")}
      </p>
    ) : null;
  if (!legend)
    return (
      <>
        {list}
        {error}
      </>
    );
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      {list}
      {error}
    </fieldset>
  );
}

/** The picker's groups from db/queries/subscribers' componentChoices (its "other" pseudo-group has no id). */
export function choiceGroups(
  choices: readonly { id: string; name: string; components: readonly { id: string; name: string }[] }[],
): ServiceChoiceGroup[] {
  return choices.map((g) => ({ id: g.id === "other" ? null : g.id, name: g.name, services: g.components }));
}
