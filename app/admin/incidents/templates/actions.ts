"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction } from "@/services/auth/action";
import { doneHref } from "@/services/console/done";
import { entityId } from "@/services/console/fields";
import { actorOf, checkedServices, keepServices, runVerb } from "@/services/console/domain-actions";
import { createTemplate, deleteTemplate, updateTemplate, type TemplateInput } from "@/services/incidents/templates";

// The verb validates every field; this schema only decodes the form.
const text = z.string().max(1_000_000).default("");
const fields = z.object({ name: text, title: text, body: text, status: text, componentStatus: text });
const FIELD_NAMES = { componentIds: "services" };

function input(data: z.output<typeof fields>, formData: FormData): TemplateInput {
  return {
    ...data,
    status: data.status as TemplateInput["status"],
    componentStatus: data.componentStatus as TemplateInput["componentStatus"],
    componentIds: checkedServices(formData),
  };
}

function refresh() {
  revalidatePath("/admin/incidents/templates");
  revalidatePath("/admin/incidents/new");
}

export const createTemplateAction = adminAction("editor", fields, (data, ctx, formData) => {
  const outcome = runVerb(formData, () => createTemplate(getDb(), actorOf(ctx), input(data, formData)), FIELD_NAMES);
  if (!outcome.ok) return keepServices(outcome.state, formData);
  refresh();
  redirect(doneHref("/admin/incidents/templates", "template-saved"));
});

export const updateTemplateAction = adminAction(
  "editor",
  fields.extend({ id: entityId }),
  ({ id, ...data }, ctx, formData) => {
    const outcome = runVerb(
      formData,
      () => updateTemplate(getDb(), actorOf(ctx), id, input(data, formData)),
      FIELD_NAMES,
    );
    if (!outcome.ok) return keepServices(outcome.state, formData);
    refresh();
    redirect(doneHref("/admin/incidents/templates", "template-saved"));
  },
);

export const deleteTemplateAction = adminAction("editor", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = runVerb(formData, () => deleteTemplate(getDb(), actorOf(ctx), id));
  if (!outcome.ok) return outcome.state;
  refresh();
  redirect(doneHref("/admin/incidents/templates", "template-deleted"));
});
