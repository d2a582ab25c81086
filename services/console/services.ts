// The rules for services (components) and groups, shared by the console and the management API. Each function
// checks the actor's capability and what the input cannot (that ids exist on this page), writes in one
// transaction, and records who did it.
import type { Db, Tx } from "@/db";
import type { ComponentStatus } from "@/db/constants";
import { countIncidentLinks, findGroup, findLiveComponent, siblingIds } from "@/db/queries/services";
import { insertComponent, insertGroup, setComponentStatus } from "@/db/writes/components";
import {
  deleteGroupKeepingServices,
  moveComponentToGroup,
  softDeleteComponent,
  updateComponentFields,
  updateGroupFields,
  writeOrder,
  type ComponentFields,
} from "@/db/writes/services";
import { isPermutationOf, moveOne, type Direction } from "@/core/ordering";
import { assertCan, statusChangeBy, type Actor } from "@/core/actor";
import { audit } from "./audit";

/** Why a verb refused, so the API can answer 404, 409 or 422 (the console shows the message and errors). */
export type Refusal = {
  ok: false;
  reason: "gone" | "invalid" | "conflict";
  message: string;
  errors?: Record<string, string[]>;
};
export type Outcome<T = object> = ({ ok: true } & T) | Refusal;

const GONE: Refusal = {
  ok: false,
  reason: "gone",
  message: "This service or group no longer exists. Reload the page.",
};
const NO_SUCH_GROUP: Refusal = {
  ok: false,
  reason: "invalid",
  message: "Please correct the fields marked below.",
  errors: { groupId: ["This group does not exist."] },
};

export interface ComponentInput extends ComponentFields {
  groupId: string | null;
}

export function createComponent(
  db: Db,
  pageId: string,
  actor: Actor,
  input: ComponentInput & { status?: ComponentStatus },
  now: number,
): Outcome<{ id: string }> {
  assertCan(actor, "services.write");
  return db.transaction((tx) => {
    if (input.groupId && !findGroup(tx, pageId, input.groupId)) {
      return NO_SUCH_GROUP;
    }
    const id = insertComponent(tx, { pageId, ...input, at: now, actor: statusChangeBy(actor) });
    audit(
      tx,
      actor,
      now,
      "component.create",
      { type: "component", id },
      { name: input.name, status: input.status ?? "operational" },
    );
    return { ok: true, id };
  });
}

export function updateComponent(
  db: Db,
  pageId: string,
  actor: Actor,
  id: string,
  input: ComponentInput,
  now: number,
): Outcome {
  assertCan(actor, "services.write");
  return db.transaction((tx) => {
    const current = findLiveComponent(tx, pageId, id);
    if (!current) return GONE;
    if (input.groupId && !findGroup(tx, pageId, input.groupId)) {
      return NO_SUCH_GROUP;
    }
    const { groupId, ...fields } = input;
    updateComponentFields(tx, id, fields, now);
    moveComponentToGroup(tx, pageId, id, groupId, now);
    if (current.groupId !== groupId) writeOrder(tx, pageId, siblingIds(tx, pageId, current.groupId), now);
    audit(
      tx,
      actor,
      now,
      "component.update",
      { type: "component", id },
      { name: input.name, groupChanged: current.groupId !== groupId },
    );
    return { ok: true };
  });
}

/** What deleting a component takes with it, for the confirmation. */
export function describeComponentDeletion(db: Db, pageId: string, id: string) {
  const component = findLiveComponent(db, pageId, id);
  if (!component) return null;
  return { component, incidentCount: countIncidentLinks(db, id) };
}

export function deleteComponent(db: Db, pageId: string, actor: Actor, id: string, now: number): Outcome {
  assertCan(actor, "services.write");
  return db.transaction((tx) => {
    const current = findLiveComponent(tx, pageId, id);
    if (!current) return GONE;
    softDeleteComponent(tx, id, now);
    writeOrder(tx, pageId, siblingIds(tx, pageId, current.groupId), now);
    audit(tx, actor, now, "component.delete", { type: "component", id }, { name: current.name });
    return { ok: true };
  });
}

export function setStatusByHand(
  db: Db,
  pageId: string,
  actor: Actor,
  id: string,
  status: ComponentStatus,
  now: number,
): Outcome<{ name: string }> {
  assertCan(actor, "services.write");
  return db.transaction((tx) => {
    const current = findLiveComponent(tx, pageId, id);
    if (!current) return GONE;
    const previous = setComponentStatus(tx, id, status, now, statusChangeBy(actor));
    if (previous !== status) {
      audit(
        tx,
        actor,
        now,
        "component.set_status",
        { type: "component", id },
        { name: current.name, from: previous, to: status },
      );
    }
    return { ok: true, name: current.name };
  });
}

export function createGroup(
  db: Db,
  pageId: string,
  actor: Actor,
  input: { name: string; description: string | null },
  now: number,
): Outcome<{ id: string }> {
  assertCan(actor, "services.write");
  return db.transaction((tx) => {
    const id = insertGroup(tx, { pageId, ...input, at: now });
    audit(tx, actor, now, "group.create", { type: "group", id }, { name: input.name });
    return { ok: true, id };
  });
}

export function updateGroup(
  db: Db,
  pageId: string,
  actor: Actor,
  id: string,
  input: { name: string; description: string | null },
  now: number,
): Outcome {
  assertCan(actor, "services.write");
  return db.transaction((tx) => {
    if (!findGroup(tx, pageId, id)) return GONE;
    updateGroupFields(tx, id, input, now);
    audit(tx, actor, now, "group.update", { type: "group", id }, { name: input.name });
    return { ok: true };
  });
}

export function deleteGroup(db: Db, pageId: string, actor: Actor, id: string, now: number): Outcome {
  assertCan(actor, "services.write");
  return db.transaction((tx) => {
    const group = findGroup(tx, pageId, id);
    if (!group) return GONE;
    const children = siblingIds(tx, pageId, id);
    deleteGroupKeepingServices(tx, pageId, id, children, now);
    writeOrder(tx, pageId, siblingIds(tx, pageId, null), now);
    audit(
      tx,
      actor,
      now,
      "group.delete",
      { type: "group", id },
      { name: group.name, servicesMovedOut: children.length },
    );
    return { ok: true };
  });
}

/** Which list an item belongs to: the top level, or a group. Null when the id is not on this page. */
function parentOf(db: Tx, pageId: string, id: string): { groupId: string | null } | null {
  if (findGroup(db, pageId, id)) return { groupId: null };
  const component = findLiveComponent(db, pageId, id);
  return component ? { groupId: component.groupId } : null;
}

export function moveItem(db: Db, pageId: string, actor: Actor, id: string, direction: Direction, now: number): Outcome {
  assertCan(actor, "services.write");
  return db.transaction((tx) => {
    const parent = parentOf(tx, pageId, id);
    if (!parent) return GONE;
    const current = siblingIds(tx, pageId, parent.groupId);
    const next = moveOne(current, id, direction);
    if (next.join() === current.join())
      return { ok: false, reason: "conflict", message: `Already ${direction === "up" ? "first" : "last"}.` };
    writeOrder(tx, pageId, next, now);
    audit(tx, actor, now, "services.reorder", parent.groupId ? { type: "group", id: parent.groupId } : null, {
      moved: id,
      direction,
    });
    return { ok: true };
  });
}

/** A whole new order for one list (drag and drop). It must name exactly the items of that list. */
export function reorder(
  db: Db,
  pageId: string,
  actor: Actor,
  groupId: string | null,
  orderedIds: readonly string[],
  now: number,
): Outcome {
  assertCan(actor, "services.write");
  return db.transaction((tx) => {
    if (groupId && !findGroup(tx, pageId, groupId)) return GONE;
    const current = siblingIds(tx, pageId, groupId);
    if (!isPermutationOf(orderedIds, current)) {
      return {
        ok: false,
        reason: "conflict",
        message: "The order did not match the current services; nothing was changed. Reload the page.",
      };
    }
    writeOrder(tx, pageId, orderedIds, now);
    audit(tx, actor, now, "services.reorder", groupId ? { type: "group", id: groupId } : null, { order: orderedIds });
    return { ok: true };
  });
}
