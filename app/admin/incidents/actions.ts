"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { IMPACTS, POSTABLE_INCIDENT_STATUSES } from "@/db/constants";
import { getThePage } from "@/db/queries/settings";
import { adminAction, typedValues } from "@/services/auth/action";
import { doneHref } from "@/services/console/done";
import { updateMessage } from "@/services/console/incident-defaults";
import { checkbox, entityId } from "@/services/console/fields";
import { actorOf, fromLocalDateTime, runVerb, serviceStatusesFrom } from "@/services/console/domain-actions";
import {
  addIncidentUpdate,
  createIncident,
  deleteIncidentUpdate,
  editIncidentUpdate,
  publishPostmortem,
  savePostmortem,
} from "@/services/incidents/incident-verbs";
import type { AddUpdateInput, CreateIncidentInput } from "@/services/incidents/schemas";
import { decodeGroupRef } from "@/core/visitor-reports";

// The verbs validate names, messages and services themselves; these schemas only decode the form.
const text = z.string().max(1_000_000).default("");
const incidentStatus = z.enum(POSTABLE_INCIDENT_STATUSES, { error: "Choose a status from the list." });

function refresh(incidentId?: string) {
  revalidatePath("/admin/incidents");
  if (incidentId) {
    revalidatePath(`/admin/incidents/${incidentId}`);
    revalidatePath(`/incidents/${incidentId}`);
  }
  revalidatePath("/");
}

export const declareIncidentAction = adminAction(
  "editor",
  z.object({
    name: text,
    status: incidentStatus,
    message: text,
    impactOverride: z.union([z.literal(""), z.enum(IMPACTS)], { error: "Choose an impact from the list." }).default(""),
    notify: checkbox,
    startedAt: z.string().max(40).default(""),
    resolvedAt: z.string().max(40).default(""),
    fromReports: z.string().max(80).default(""),
  }),
  (data, ctx, formData) => {
    const timeZone = getThePage(getDb()).timeZone;
    const times: { startedAt?: number; resolvedAt?: number } = {};
    for (const field of ["startedAt", "resolvedAt"] as const) {
      if (!data[field]) continue;
      const at = fromLocalDateTime(data[field], timeZone);
      if (at === null)
        return {
          ok: false,
          message: "Please correct the fields marked below.",
          errors: { [field]: ["Enter a date and time."] },
          values: typedValues(formData),
        };
      times[field] = at;
    }
    const input: CreateIncidentInput = {
      name: data.name,
      status: data.status,
      message: data.message,
      componentStatuses: serviceStatusesFrom(formData) as CreateIncidentInput["componentStatuses"],
      impactOverride: data.impactOverride || null,
      notify: data.notify,
      ...times,
    };
    const fromReports = decodeGroupRef(data.fromReports) ?? undefined;
    const outcome = runVerb(formData, () => createIncident(getDb(), actorOf(ctx), input, Date.now(), { fromReports }));
    if (!outcome.ok) return outcome.state;
    if (fromReports) revalidatePath("/admin/reports");
    refresh(outcome.value.id);
    redirect(doneHref(`/admin/incidents/${outcome.value.id}`, "incident-declared"));
  },
);

export const postIncidentUpdateAction = adminAction(
  "editor",
  z.object({
    id: entityId,
    status: incidentStatus,
    message: text,
    notify: checkbox,
    reopen: checkbox,
    restoreComponents: checkbox,
  }),
  ({ id, ...data }, ctx, formData) => {
    const input: AddUpdateInput = {
      ...data,
      message: updateMessage(data.status, data.message),
      componentStatuses: serviceStatusesFrom(formData) as AddUpdateInput["componentStatuses"],
    };
    const outcome = runVerb(formData, () => addIncidentUpdate(getDb(), actorOf(ctx), id, input));
    if (!outcome.ok) return outcome.state;
    refresh(id);
    return { message: data.reopen ? "Incident reopened; update posted." : "Update posted." };
  },
);

export const editIncidentUpdateAction = adminAction(
  "editor",
  z.object({ id: entityId, updateId: entityId, message: text }),
  ({ id, updateId, message }, ctx, formData) => {
    const outcome = runVerb(formData, () => editIncidentUpdate(getDb(), actorOf(ctx), updateId, { message }));
    if (!outcome.ok) return outcome.state;
    refresh(id);
    return { message: "Correction saved." };
  },
);

export const deleteIncidentUpdateAction = adminAction(
  "admin",
  z.object({ id: entityId, updateId: entityId }),
  ({ id, updateId }, ctx, formData) => {
    const outcome = runVerb(formData, () => deleteIncidentUpdate(getDb(), actorOf(ctx), updateId));
    if (!outcome.ok) return outcome.state;
    refresh(id);
    redirect(doneHref(`/admin/incidents/${id}`, "update-deleted"));
  },
);

export const savePostmortemAction = adminAction(
  "editor",
  z.object({ id: entityId, body: text }),
  ({ id, body }, ctx, formData) => {
    const outcome = runVerb(formData, () => savePostmortem(getDb(), actorOf(ctx), id, { body }));
    if (!outcome.ok) return outcome.state;
    refresh(id);
    return { message: "Postmortem draft saved." };
  },
);

// Publishes what is in the box (saving it), whether or not a draft was saved first.
export const publishPostmortemAction = adminAction(
  "editor",
  z.object({ id: entityId, body: text, notify: checkbox }),
  ({ id, body, notify }, ctx, formData) => {
    const outcome = runVerb(formData, () => publishPostmortem(getDb(), actorOf(ctx), id, { body, notify }));
    if (!outcome.ok) return outcome.state;
    refresh(id);
    return { message: "Postmortem published." };
  },
);
