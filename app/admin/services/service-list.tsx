"use client";
// The services and groups in page order. Order changes two ways: the Move up / Move down buttons (keyboard,
// screen readers, no JavaScript needed) and drag and drop within one list. Each outcome is announced.
import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState, type DragEvent } from "react";
import { COMPONENT_STATUSES, COMPONENT_STATUS_LABELS, type ComponentStatus } from "@/db/constants";
import { FormStatus } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { moveAction, reorderAction, setStatusAction } from "./actions";
import { buttonClass } from "@/components/ui/button";

export interface ListComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  description: string | null;
}
export type ListRow =
  | { type: "group"; id: string; name: string; components: ListComponent[] }
  | { type: "component"; id: string; component: ListComponent };

const smallButton = buttonClass("secondary", "sm");

export function ServiceList({ rows }: { rows: ListRow[] }) {
  const [moveState, move, movePending] = useActionState(moveAction, {} as FormState);
  const [orderState, reorder] = useActionState(reorderAction, {} as FormState);
  const lastMoved = useRef<string | null>(null);
  const [dragging, setDragging] = useState<{ id: string; parent: string } | null>(null);

  // Keep focus on the button that was pressed, wherever its row went.
  useEffect(() => {
    if (lastMoved.current) document.querySelector<HTMLButtonElement>(`[data-move="${lastMoved.current}"]`)?.focus();
  }, [moveState.at]);

  const announce = (moveState.at ?? 0) >= (orderState.at ?? 0) ? moveState : orderState;

  function drop(event: DragEvent, parent: string, ids: string[], targetId: string) {
    event.preventDefault();
    if (!dragging || dragging.parent !== parent || dragging.id === targetId) return;
    const next = ids.filter((id) => id !== dragging.id);
    next.splice(next.indexOf(targetId) + (ids.indexOf(dragging.id) < ids.indexOf(targetId) ? 1 : 0), 0, dragging.id);
    const data = new FormData();
    data.set("order", next.join(","));
    if (parent !== "top") data.set("groupId", parent);
    setDragging(null);
    startTransition(() => reorder(data));
  }

  function dragProps(id: string, parent: string, ids: string[]) {
    return {
      draggable: true,
      onDragStart: (e: DragEvent) => {
        e.stopPropagation();
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", id);
        setDragging({ id, parent });
      },
      onDragOver: (e: DragEvent) => {
        if (dragging?.parent === parent) {
          e.preventDefault();
          e.stopPropagation();
        }
      },
      onDrop: (e: DragEvent) => {
        e.stopPropagation();
        drop(e, parent, ids, id);
      },
      onDragEnd: () => setDragging(null),
    };
  }

  function MoveButtons({ id, label, first, last }: { id: string; label: string; first: boolean; last: boolean }) {
    return (
      <span className="flex gap-1">
        {(["up", "down"] as const).map((direction) => (
          <form key={direction} action={move} onSubmit={() => (lastMoved.current = `${id}-${direction}`)}>
            <input type="hidden" name="id" value={id} />
            <input type="hidden" name="direction" value={direction} />
            <input type="hidden" name="label" value={label} />
            <button
              type="submit"
              data-move={`${id}-${direction}`}
              disabled={movePending || (direction === "up" ? first : last)}
              aria-label={`Move ${label} ${direction}`}
              className={smallButton}
            >
              {direction === "up" ? "↑" : "↓"}
            </button>
          </form>
        ))}
      </span>
    );
  }

  const topIds = rows.map((r) => r.id);
  return (
    <>
      <FormStatus state={announce} />
      <ol className="mt-4 space-y-3" aria-label="Services and groups in page order">
        {rows.map((row, index) => (
          <li
            key={row.id}
            {...dragProps(row.id, "top", topIds)}
            className={`rounded-lg border border-slate-300 bg-white p-3 dark:border-slate-700 dark:bg-slate-900 ${dragging?.id === row.id ? "opacity-50" : ""}`}
          >
            {row.type === "group" ? (
              <>
                <div className="flex flex-wrap items-center gap-2">
                  <span aria-hidden className="cursor-grab select-none text-slate-500" title="Drag to reorder">
                    ⠿
                  </span>
                  <h2 className="font-semibold">{row.name}</h2>
                  <span className="text-sm text-slate-600 dark:text-slate-400">
                    Group · {row.components.length} service{row.components.length === 1 ? "" : "s"}
                  </span>
                  <span className="ml-auto flex flex-wrap items-center gap-2">
                    <MoveButtons id={row.id} label={row.name} first={index === 0} last={index === rows.length - 1} />
                    <Link
                      href={`/admin/services/groups/${row.id}`}
                      className={smallButton}
                      aria-label={`Edit group ${row.name}`}
                    >
                      Edit
                    </Link>
                    <Link
                      href={`/admin/services/groups/${row.id}/delete`}
                      className={smallButton}
                      aria-label={`Delete group ${row.name}`}
                    >
                      Delete
                    </Link>
                  </span>
                </div>
                {row.components.length === 0 ? (
                  <p className="mt-2 pl-6 text-sm text-slate-600 dark:text-slate-400">
                    No services in this group yet. Add one and choose this group, or edit a service to move it here.
                  </p>
                ) : (
                  <ol className="mt-2 space-y-2 pl-4 sm:pl-6" aria-label={`Services in ${row.name}`}>
                    {row.components.map((c, i) => (
                      <li
                        key={c.id}
                        {...dragProps(
                          c.id,
                          row.id,
                          row.components.map((x) => x.id),
                        )}
                        className={`rounded-md border border-slate-200 p-2 dark:border-slate-800 ${dragging?.id === c.id ? "opacity-50" : ""}`}
                      >
                        <ComponentRow component={c}>
                          <MoveButtons
                            id={c.id}
                            label={c.name}
                            first={i === 0}
                            last={i === row.components.length - 1}
                          />
                        </ComponentRow>
                      </li>
                    ))}
                  </ol>
                )}
              </>
            ) : (
              <ComponentRow component={row.component}>
                <MoveButtons
                  id={row.id}
                  label={row.component.name}
                  first={index === 0}
                  last={index === rows.length - 1}
                />
              </ComponentRow>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

function ComponentRow({ component, children }: { component: ListComponent; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span aria-hidden className="cursor-grab select-none text-slate-500" title="Drag to reorder">
        ⠿
      </span>
      <span className="font-medium">{component.name}</span>
      <span className="ml-auto flex flex-wrap items-center gap-2">
        <StatusControl component={component} />
        {children}
        <Link href={`/admin/services/${component.id}`} className={smallButton} aria-label={`Edit ${component.name}`}>
          Edit
        </Link>
        <Link
          href={`/admin/services/${component.id}/delete`}
          className={smallButton}
          aria-label={`Delete ${component.name}`}
        >
          Delete
        </Link>
      </span>
    </div>
  );
}

function StatusControl({ component }: { component: ListComponent }) {
  const [state, action, pending] = useActionState(setStatusAction, {} as FormState);
  const id = `status-${component.id}`;
  return (
    <form action={action} className="flex items-center gap-1">
      <input type="hidden" name="id" value={component.id} />
      <label htmlFor={id} className="sr-only">
        Status of {component.name}
      </label>
      <select
        id={id}
        name="status"
        defaultValue={component.status}
        key={component.status}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
      >
        {COMPONENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {COMPONENT_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className={smallButton} aria-label={`Set status of ${component.name}`}>
        Set
      </button>
      <span
        role="status"
        aria-live="polite"
        className={`text-sm ${state.ok === false ? "text-red-700 dark:text-red-300" : "text-green-800 dark:text-green-300"}`}
      >
        {state.ok ? "Saved" : state.message}
        {state.ok && <span className="sr-only">: {state.message}</span>}
      </span>
    </form>
  );
}
