// The management API's services (components) and groups. The writes are the console's own verbs
// (services/console/services.ts), so the API and the console share one set of rules, history and audit entries.
// Responses use the Statuspage component shape, as in /api/v2 and the webhooks.
import { z } from "zod";
import type { Db } from "@/db";
import { COMPONENT_STATUSES, LIMITS } from "@/db/constants";
import { loadComponentsAndGroups } from "@/db/queries/public-api";
import { findGroup, findLiveComponent } from "@/db/queries/services";
import { serializeGroup } from "@/services/api/statuspage";
import * as services from "@/services/console/services";
import { DomainError, notFound } from "@/core/errors";
import { ID_PATTERN } from "@/core/ids";
import { availabilityTargetProblem } from "@/core/service-report-measures";
import { multiLine, singleLine } from "@/core/text-input";
import { componentSchema } from "../schemas";
import {
  managedComponentSchema,
  managedComponentShape,
  serializeManagedComponent,
  serializeManagedComponentList,
} from "./component-shape";
import { ctxOf } from "./context";
import type { Endpoint } from "./handler";

const [, groupShape] = componentSchema.options;
const ONE_COMPONENT = z.strictObject({ component: managedComponentShape });
const ONE_GROUP = z.strictObject({ group: groupShape });
const COMPONENT_LIST = z.strictObject({ components: z.array(managedComponentSchema) });

const id = z.string({ error: "Use an id" }).regex(ID_PATTERN, { error: "Not a valid id" });
const name = singleLine(
  z
    .string({ error: "Give a name" })
    .trim()
    .min(1, { error: "Give a name" })
    .max(LIMITS.name, { error: `Use at most ${LIMITS.name} characters` }),
);
/** Empty or null means none. */
const description = multiLine(
  z
    .string()
    .trim()
    .max(LIMITS.description, { error: `Use at most ${LIMITS.description} characters` }),
)
  .nullable()
  .transform((v) => v || null);
const status = z.enum(COMPONENT_STATUSES, { error: `Use one of: ${COMPONENT_STATUSES.join(", ")}` });
const componentFields = {
  description,
  groupId: id.nullable(),
  showcase: z.boolean(),
  onlyShowIfDegraded: z.boolean(),
  showResponseTime: z.boolean(),
  availabilityTarget: z
    .number({ error: "Use a number of percent, e.g. 99.9" })
    .refine((t) => availabilityTargetProblem(t) === null, { error: "Use a percentage above 0 and at most 100" }),
  startDate: z.iso.date({ error: "Use a date as YYYY-MM-DD" }).nullable(),
  status,
};
const atLeastOne = [
  (v: object) => Object.values(v).some((x) => x !== undefined),
  { error: "Send at least one field to change" },
] as const;

export const createComponentBody = z.strictObject({
  name,
  description: componentFields.description.default(null),
  groupId: componentFields.groupId.default(null),
  showcase: componentFields.showcase.default(true),
  onlyShowIfDegraded: componentFields.onlyShowIfDegraded.default(false),
  showResponseTime: componentFields.showResponseTime.default(false),
  availabilityTarget: componentFields.availabilityTarget.optional(),
  startDate: componentFields.startDate.default(null),
  status: status.default("operational"),
});
export const updateComponentBody = z
  .strictObject({ name: name.optional(), ...z.object(componentFields).partial().shape })
  .refine(...atLeastOne);
export const reorderBody = z.strictObject({
  groupId: id.nullable().default(null),
  order: z.array(id).min(1, { error: "Name the items in their new order" }).max(1000, { error: "At most 1000 items" }),
});
export const createGroupBody = z.strictObject({ name, description: description.default(null) });
export const updateGroupBody = z
  .strictObject({ name: name.optional(), description: description.optional() })
  .refine(...atLeastOne);

/** A refusal from the shared verbs as the API's error: gone is 404, a bad field 422, a stale order 409. */
function unwrap<T extends object>(outcome: services.Outcome<T>, what: string): T {
  if (outcome.ok) return outcome;
  if (outcome.reason === "gone") throw notFound(what);
  const fields = Object.fromEntries(
    Object.entries(outcome.errors ?? {}).map(([field, messages]) => [field, messages[0].replace(/\.$/, "")]),
  );
  throw new DomainError(outcome.reason, Object.values(fields)[0] ?? outcome.message, fields);
}

function liveComponent(db: Db, pageId: string, componentId: string) {
  const component = ID_PATTERN.test(componentId) ? findLiveComponent(db, pageId, componentId) : undefined;
  if (!component) throw notFound("Component");
  return component;
}

function oneGroup(db: Db, pageId: string, groupId: string) {
  const group = ID_PATTERN.test(groupId) ? findGroup(db, pageId, groupId) : undefined;
  if (!group) throw notFound("Group");
  const children = loadComponentsAndGroups(db, pageId, "internal").components.filter((c) => c.groupId === group.id);
  return serializeGroup(group, children);
}

export const componentEndpoints = {
  createComponent: {
    method: "POST",
    path: "/api/v1/components",
    summary: "Add a service, optionally in a group and with a starting status",
    role: "admin",
    body: createComponentBody,
    responds: { status: 201, description: "The new component", schema: ONE_COMPONENT },
    run: ({ db, actor, body }) => {
      const pageId = ctxOf(db).page.id;
      const { id: componentId } = unwrap(services.createComponent(db, pageId, actor, body, Date.now()), "Component");
      return { component: serializeManagedComponent(liveComponent(db, pageId, componentId)) };
    },
  } satisfies Endpoint<typeof createComponentBody>,
  getComponent: {
    method: "GET",
    path: "/api/v1/components/{id}",
    summary: "One service",
    role: "read",
    responds: { status: 200, description: "The component", schema: ONE_COMPONENT },
    run: ({ db, params }) => ({
      component: serializeManagedComponent(liveComponent(db, ctxOf(db).page.id, params.id)),
    }),
  } satisfies Endpoint<undefined>,
  updateComponent: {
    method: "PATCH",
    path: "/api/v1/components/{id}",
    summary: "Change a service's fields and/or its status (fields left out stay as they are)",
    role: "admin",
    body: updateComponentBody,
    responds: { status: 200, description: "The component as it is now", schema: ONE_COMPONENT },
    run: ({ db, actor, params, body }) => {
      const pageId = ctxOf(db).page.id;
      const current = liveComponent(db, pageId, params.id);
      const { status: newStatus, ...given } = body;
      const changes = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
      const now = Date.now();
      // Both verbs run synchronously on one connection, so nothing can come between them.
      if (Object.keys(changes).length) {
        const { name, description, groupId, showcase, onlyShowIfDegraded, showResponseTime, startDate } = current;
        const { availabilityTarget } = current;
        unwrap(
          services.updateComponent(
            db,
            pageId,
            actor,
            current.id,
            {
              ...{ name, description, groupId, showcase, onlyShowIfDegraded, showResponseTime, startDate },
              ...{ availabilityTarget, ...changes },
            },
            now,
          ),
          "Component",
        );
      }
      if (newStatus) unwrap(services.setStatusByHand(db, pageId, actor, current.id, newStatus, now), "Component");
      return { component: serializeManagedComponent(liveComponent(db, pageId, current.id)) };
    },
  } satisfies Endpoint<typeof updateComponentBody>,
  deleteComponent: {
    method: "DELETE",
    path: "/api/v1/components/{id}",
    summary: "Delete a service (it disappears from the page; past incidents keep its name)",
    role: "admin",
    responds: { status: 204, description: "Deleted" },
    run: ({ db, actor, params }) => {
      const pageId = ctxOf(db).page.id;
      unwrap(
        services.deleteComponent(db, pageId, actor, liveComponent(db, pageId, params.id).id, Date.now()),
        "Component",
      );
    },
  } satisfies Endpoint<undefined>,
  reorderComponents: {
    method: "POST",
    path: "/api/v1/components/reorder",
    summary: "Set the order of one list: the top level (groupId null: groups and loose services) or a group's services",
    role: "admin",
    body: reorderBody,
    responds: { status: 200, description: "All components in their new order", schema: COMPONENT_LIST },
    alsoErrors: [404],
    run: ({ db, actor, body }) => {
      const pageId = ctxOf(db).page.id;
      const outcome = services.reorder(db, pageId, actor, body.groupId, body.order, Date.now());
      if (!outcome.ok && outcome.reason === "conflict") {
        throw new DomainError(
          "conflict",
          "The order must name every item of that list exactly once; nothing was changed",
        );
      }
      unwrap(outcome, "Group");
      const { groups, components } = loadComponentsAndGroups(db, pageId, "internal");
      return { components: serializeManagedComponentList(groups, components) };
    },
  } satisfies Endpoint<typeof reorderBody>,
  listGroups: {
    method: "GET",
    path: "/api/v1/groups",
    summary: "List groups in page order, each with its services' ids",
    role: "read",
    responds: { status: 200, description: "The groups", schema: z.strictObject({ groups: z.array(groupShape) }) },
    run: ({ db }) => {
      const { groups, components } = loadComponentsAndGroups(db, ctxOf(db).page.id, "internal");
      return {
        groups: groups.map((g) =>
          serializeGroup(
            g,
            components.filter((c) => c.groupId === g.id),
          ),
        ),
      };
    },
  } satisfies Endpoint<undefined>,
  createGroup: {
    method: "POST",
    path: "/api/v1/groups",
    summary: "Add a group (put services in it with PATCH /api/v1/components/{id} and groupId)",
    role: "admin",
    body: createGroupBody,
    responds: { status: 201, description: "The new group", schema: ONE_GROUP },
    run: ({ db, actor, body }) => {
      const pageId = ctxOf(db).page.id;
      const { id: groupId } = unwrap(services.createGroup(db, pageId, actor, body, Date.now()), "Group");
      return { group: oneGroup(db, pageId, groupId) };
    },
  } satisfies Endpoint<typeof createGroupBody>,
  getGroup: {
    method: "GET",
    path: "/api/v1/groups/{id}",
    summary: "One group",
    role: "read",
    responds: { status: 200, description: "The group", schema: ONE_GROUP },
    run: ({ db, params }) => ({ group: oneGroup(db, ctxOf(db).page.id, params.id) }),
  } satisfies Endpoint<undefined>,
  updateGroup: {
    method: "PATCH",
    path: "/api/v1/groups/{id}",
    summary: "Rename a group or change its description",
    role: "admin",
    body: updateGroupBody,
    responds: { status: 200, description: "The group as it is now", schema: ONE_GROUP },
    run: ({ db, actor, params, body }) => {
      const pageId = ctxOf(db).page.id;
      const current = ID_PATTERN.test(params.id) ? findGroup(db, pageId, params.id) : undefined;
      if (!current) throw notFound("Group");
      const input = {
        name: body.name ?? current.name,
        description: body.description === undefined ? current.description : body.description,
      };
      unwrap(services.updateGroup(db, pageId, actor, current.id, input, Date.now()), "Group");
      return { group: oneGroup(db, pageId, current.id) };
    },
  } satisfies Endpoint<typeof updateGroupBody>,
  deleteGroup: {
    method: "DELETE",
    path: "/api/v1/groups/{id}",
    summary: "Delete a group; its services stay, moved to the top level",
    role: "admin",
    responds: { status: 204, description: "Deleted" },
    run: ({ db, actor, params }) => {
      if (!ID_PATTERN.test(params.id)) throw notFound("Group");
      unwrap(services.deleteGroup(db, ctxOf(db).page.id, actor, params.id, Date.now()), "Group");
    },
  } satisfies Endpoint<undefined>,
};
