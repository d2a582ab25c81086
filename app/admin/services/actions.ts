"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { COMPONENT_STATUSES, COMPONENT_STATUS_LABELS } from "@/db/constants";
import { getThePage } from "@/db/queries/settings";
import { adminAction, typedValues, type FormState } from "@/services/auth/action";
import { actorOf } from "@/services/console/domain-actions";
import { doneHref } from "@/services/console/done";
import {
  availabilityTarget,
  checkbox,
  description,
  entityId,
  name,
  optionalDate,
  optionalId,
} from "@/services/console/fields";
import * as services from "@/services/console/services";

const pageId = () => getThePage(getDb()).id;

function refresh() {
  revalidatePath("/admin/services");
  revalidatePath("/");
}

function failed(outcome: { message: string; errors?: Record<string, string[]> }, formData: FormData): FormState {
  return { ok: false, message: outcome.message, errors: outcome.errors, values: typedValues(formData) };
}

const componentSchema = z.object({
  name,
  description,
  groupId: optionalId,
  showcase: checkbox,
  onlyShowIfDegraded: checkbox,
  showResponseTime: checkbox,
  availabilityTarget,
  startDate: optionalDate,
});

export const createComponentAction = adminAction("admin", componentSchema, (data, ctx, formData) => {
  const outcome = services.createComponent(getDb(), pageId(), actorOf(ctx), data, Date.now());
  if (!outcome.ok) return failed(outcome, formData);
  refresh();
  redirect(doneHref("/admin/services", "service-added"));
});

export const updateComponentAction = adminAction(
  "admin",
  componentSchema.extend({ id: entityId }),
  ({ id, ...data }, ctx, formData) => {
    const outcome = services.updateComponent(getDb(), pageId(), actorOf(ctx), id, data, Date.now());
    if (!outcome.ok) return failed(outcome, formData);
    refresh();
    redirect(doneHref("/admin/services", "service-saved"));
  },
);

export const deleteComponentAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = services.deleteComponent(getDb(), pageId(), actorOf(ctx), id, Date.now());
  if (!outcome.ok) return failed(outcome, formData);
  refresh();
  redirect(doneHref("/admin/services", "service-deleted"));
});

export const setStatusAction = adminAction(
  "admin",
  z.object({ id: entityId, status: z.enum(COMPONENT_STATUSES, { error: "Choose a status from the list." }) }),
  ({ id, status }, ctx, formData) => {
    const outcome = services.setStatusByHand(getDb(), pageId(), actorOf(ctx), id, status, Date.now());
    if (!outcome.ok) return failed(outcome, formData);
    refresh();
    return { message: `${outcome.name} is now: ${COMPONENT_STATUS_LABELS[status]}.` };
  },
);

const groupSchema = z.object({ name, description });

export const createGroupAction = adminAction("admin", groupSchema, (data, ctx, formData) => {
  const outcome = services.createGroup(getDb(), pageId(), actorOf(ctx), data, Date.now());
  if (!outcome.ok) return failed(outcome, formData);
  refresh();
  redirect(doneHref("/admin/services", "group-added"));
});

export const updateGroupAction = adminAction(
  "admin",
  groupSchema.extend({ id: entityId }),
  ({ id, ...data }, ctx, formData) => {
    const outcome = services.updateGroup(getDb(), pageId(), actorOf(ctx), id, data, Date.now());
    if (!outcome.ok) return failed(outcome, formData);
    refresh();
    redirect(doneHref("/admin/services", "group-saved"));
  },
);

export const deleteGroupAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = services.deleteGroup(getDb(), pageId(), actorOf(ctx), id, Date.now());
  if (!outcome.ok) return failed(outcome, formData);
  refresh();
  redirect(doneHref("/admin/services", "group-deleted"));
});

export const moveAction = adminAction(
  "admin",
  z.object({ id: entityId, direction: z.enum(["up", "down"]), label: z.string().max(200).optional() }),
  ({ id, direction, label }, ctx, formData) => {
    const outcome = services.moveItem(getDb(), pageId(), actorOf(ctx), id, direction, Date.now());
    if (!outcome.ok) return failed(outcome, formData);
    refresh();
    return { message: `Moved ${label ?? "it"} ${direction}.` };
  },
);

export const reorderAction = adminAction(
  "admin",
  z.object({
    groupId: optionalId,
    order: z
      .string()
      .max(20_000)
      .transform((v) => v.split(",").filter(Boolean))
      .pipe(z.array(entityId).min(1, { error: "Nothing to order." }).max(1000)),
  }),
  ({ groupId, order }, ctx, formData) => {
    const outcome = services.reorder(getDb(), pageId(), actorOf(ctx), groupId, order, Date.now());
    if (!outcome.ok) return failed(outcome, formData);
    refresh();
    return { message: "New order saved." };
  },
);
