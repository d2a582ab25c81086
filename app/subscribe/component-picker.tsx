import type { ComponentChoices } from "@/db/queries/subscribers";

/** Checkboxes for the services, grouped; a group's box is a shortcut for all its services. */
export function ComponentPicker({ choices, selected }: { choices: ComponentChoices; selected: readonly string[] }) {
  return (
    <div className="mt-3 space-y-4">
      {choices.map((group) => (
        <fieldset key={group.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
          <legend className="px-1 text-sm font-semibold">{group.name}</legend>
          <ul className="mt-1 grid gap-1 sm:grid-cols-2">
            {group.components.map((c) => (
              <li key={c.id}>
                <label className="flex items-center gap-2">
                  <input type="checkbox" name="componentIds" value={c.id} defaultChecked={selected.includes(c.id)} />
                  {c.name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}
