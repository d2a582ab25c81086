"use server";
import { doneHref } from "@/services/console/done";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { liveServices } from "@/db/queries/integrations";
import { getThePage } from "@/db/queries/settings";
import { adminAction, typedValues } from "@/services/auth/action";
import { getConfig } from "@/core/config";
import { integrationFromForm } from "@/services/console/integration-form";
import { actorOf, runVerb } from "@/services/console/domain-actions";
import { entityId } from "@/services/console/fields";
import { alertmanagerSnippet, genericSnippet, grafanaSnippet } from "@/services/integrations/snippets";
import {
  createIntegration,
  deleteIntegration,
  intakeUrl,
  rotateIntegrationSecret,
  updateIntegration,
} from "@/services/integrations/verbs";

// The form is decoded by services/console/integration-form.ts and validated by the verb's schema; this only passes it on.
const anything = z.object({}).passthrough();

function refresh(id?: string) {
  revalidatePath("/admin/integrations");
  if (id) revalidatePath(`/admin/integrations/${id}`);
  revalidatePath("/");
}

/** The intake URL and snippets, shown once (they carry the secret; never put in a redirect URL or stored). */
function reveal(id: string, secret: string) {
  const url = intakeUrl(getConfig().publicUrl, id, secret);
  return {
    intakeUrl: url,
    alertmanager: alertmanagerSnippet(url),
    grafana: grafanaSnippet(url),
    generic: genericSnippet(url),
    integrationId: id,
  };
}

function decode(formData: FormData) {
  const db = getDb();
  return integrationFromForm(formData, liveServices(db, getThePage(db).id));
}

export const createIntegrationAction = adminAction("admin", anything, (_data, ctx, formData) => {
  const decoded = decode(formData);
  if (!decoded.ok)
    return {
      ok: false,
      message: "Please correct the fields marked below.",
      errors: decoded.errors,
      values: typedValues(formData),
      at: Date.now(),
    };
  const outcome = runVerb(formData, () => createIntegration(getDb(), actorOf(ctx), decoded.input));
  if (!outcome.ok) return outcome.state;
  refresh();
  return {
    ok: true,
    message: "Integration created. Copy its intake URL now: it is shown only once.",
    reveal: reveal(outcome.value.id, outcome.value.secret),
    at: Date.now(),
  };
});

export const updateIntegrationAction = adminAction(
  "admin",
  z.object({ id: entityId }).passthrough(),
  ({ id }, ctx, formData) => {
    const decoded = decode(formData);
    if (!decoded.ok)
      return {
        ok: false,
        message: "Please correct the fields marked below.",
        errors: decoded.errors,
        values: typedValues(formData),
        at: Date.now(),
      };
    const outcome = runVerb(formData, () => updateIntegration(getDb(), actorOf(ctx), id, decoded.input));
    if (!outcome.ok) return outcome.state;
    refresh(id);
    redirect(doneHref(`/admin/integrations/${id}`, "integration-saved"));
  },
);

export const rotateSecretAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = runVerb(formData, () => rotateIntegrationSecret(getDb(), actorOf(ctx), id));
  if (!outcome.ok) return outcome.state;
  refresh(id);
  return {
    ok: true,
    message: "New secret made: the old intake URL no longer works. Copy the new one now.",
    reveal: reveal(id, outcome.value),
    at: Date.now(),
  };
});

export const deleteIntegrationAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = runVerb(formData, () => deleteIntegration(getDb(), actorOf(ctx), id));
  if (!outcome.ok) return outcome.state;
  refresh();
  redirect(doneHref("/admin/integrations", "integration-deleted"));
});
