"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction, typedValues, type FormState } from "@/services/auth/action";
import { consoleLanguage, entityId, subscriberLanguage } from "@/services/console/fields";
import { actorOf, runVerb } from "@/services/console/domain-actions";
import { doneHref } from "@/services/console/done";
import { addSubscriber, removeSubscriber } from "@/services/subscriptions/admin";
import { IMPORT_LIMITS, importSubscribers, previewImport, type ImportPreview } from "@/services/subscriptions/import";
import type { ImportState } from "./import-state";

// The service checks the role again, validates the address and the services, and audits; these schemas
// only decode the form. Managing subscribers needs the admin role (see services/subscriptions/admin.ts).

const chosen = (formData: FormData, name: string) =>
  formData.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");

/** The ticked boxes, to tick them again when the form comes back with an error. */
const keptChoices = (formData: FormData) => ({
  componentIds: chosen(formData, "componentIds").join(","),
  groupIds: chosen(formData, "groupIds").join(","),
});

export const addSubscriberAction = adminAction(
  "admin",
  z.object({
    email: z.string().max(10_000).default(""),
    scope: z.enum(["all", "some"], { error: "Choose everything or some services." }).default("all"),
    confirmation: z.enum(["send", "confirmed"], { error: "Choose whether to send a confirmation email." }),
    language: consoleLanguage,
  }),
  (data, ctx, formData) => {
    const componentIds = data.scope === "some" ? chosen(formData, "componentIds") : [];
    const groupIds = data.scope === "some" ? chosen(formData, "groupIds") : [];
    if (data.scope === "some" && componentIds.length === 0 && groupIds.length === 0) {
      return {
        ok: false,
        message: "Please correct the fields marked below.",
        errors: { componentIds: ["Choose at least one service or group, or everything."] },
        values: { ...typedValues(formData), ...keptChoices(formData) },
      };
    }
    const outcome = runVerb(
      formData,
      () =>
        addSubscriber(getDb(), actorOf(ctx), {
          email: data.email,
          componentIds,
          groupIds,
          confirmation: data.confirmation,
          language: subscriberLanguage(getDb(), data.language),
        }),
      { groupIds: "componentIds" },
    );
    if (!outcome.ok) return { ...outcome.state, values: { ...outcome.state.values, ...keptChoices(formData) } };
    revalidatePath("/admin/subscribers");
    redirect(
      doneHref(
        "/admin/subscribers",
        outcome.value.state === "pending" ? "subscriber-added-pending" : "subscriber-added-active",
      ),
    );
  },
);

export const removeSubscriberAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = runVerb(formData, () => removeSubscriber(getDb(), actorOf(ctx), id));
  if (!outcome.ok) return outcome.state;
  revalidatePath("/admin/subscribers");
  redirect(doneHref("/admin/subscribers", "subscriber-removed"));
});

/** Enough of the preview to show; the full lists can be thousands of rows long. */
const SHOWN = 100;
function summarise(preview: ImportPreview): NonNullable<ImportState["preview"]> {
  return {
    rows: preview.rows,
    addCount: preview.toAdd.length,
    toAdd: preview.toAdd.slice(0, SHOWN).map(({ line, email, components }) => ({ line, email, components })),
    mergedCount: preview.merged.length,
    merged: preview.merged.slice(0, SHOWN),
    errorCount: preview.errors.length,
    errors: preview.errors.slice(0, SHOWN * 2),
  };
}

async function uploadedText(formData: FormData): Promise<{ text: string } | { error: string }> {
  const file = formData.get("file");
  if (!(file instanceof Blob) || file.size === 0) return { error: "Choose a CSV file to upload." };
  if (file.size > IMPORT_LIMITS.bytes) return { error: "The file is larger than 1 MB; split it into smaller files." };
  return { text: await file.text() };
}

export const previewImportAction = adminAction(
  "admin",
  z.object({}),
  async (_data, ctx, formData): Promise<FormState> => {
    const upload = await uploadedText(formData);
    if ("error" in upload)
      return { ok: false, message: "Please correct the fields marked below.", errors: { file: [upload.error] } };
    const outcome = runVerb(formData, () => previewImport(getDb(), actorOf(ctx), upload.text));
    if (!outcome.ok) return outcome.state;
    const preview = summarise(outcome.value);
    const state: ImportState = preview.errorCount
      ? {
          ok: false,
          message: `${preview.errorCount} ${preview.errorCount === 1 ? "line has an error" : "lines have errors"}. Nothing can be imported until the file is fixed.`,
          preview,
        }
      : {
          ok: true,
          message: `Ready to import ${preview.addCount} ${preview.addCount === 1 ? "address" : "addresses"}. Check the list below, then import.`,
          preview,
          csv: upload.text,
        };
    return state;
  },
);

/** Imports the text the preview showed. It is checked again from scratch here: nothing sent back is trusted. */
export const importAction = adminAction(
  "admin",
  z.object({ csv: z.string().max(IMPORT_LIMITS.bytes * 2, { error: "The file is larger than 1 MB." }) }),
  ({ csv }, ctx, formData): FormState | void => {
    const outcome = runVerb(formData, () => importSubscribers(getDb(), actorOf(ctx), csv));
    if (!outcome.ok) return { ...outcome.state, values: {} };
    const { imported, preview } = outcome.value;
    if (preview.errors.length) {
      const state: ImportState = {
        ok: false,
        message: "The file no longer checks out; nothing was imported. Fix the lines below and upload it again.",
        preview: summarise(preview),
      };
      return state;
    }
    revalidatePath("/admin/subscribers");
    redirect(doneHref("/admin/subscribers", "subscribers-imported", imported));
  },
);
