"use server";
import { doneHref } from "@/services/console/done";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { findMonitor } from "@/db/queries/monitors";
import { adminAction, typedValues } from "@/services/auth/action";
import { actorOf, runVerb } from "@/services/console/domain-actions";
import { entityId } from "@/services/console/fields";
import { parseMonitorForm } from "@/services/console/monitor-form";
import { dismissAutomaticDraft, publishAutomaticDraft } from "@/services/monitors/automation";
import { runCheck } from "@/services/monitors/run";
import { setOwnMonitorAlerts } from "@/services/monitors/team-alert";
import { createMonitor, deleteMonitor, pauseMonitor, updateMonitor } from "@/services/monitors/verbs";

// The form is decoded by services/console/monitor-form.ts and validated by the verb's schema; this only passes it on.
const anything = z.object({}).passthrough();

function refresh(id?: string) {
  revalidatePath("/admin/monitors");
  if (id) revalidatePath(`/admin/monitors/${id}`);
  revalidatePath("/");
}

export const createMonitorAction = adminAction("admin", anything, (_data, ctx, formData) => {
  const parsed = parseMonitorForm(formData);
  if (!parsed.ok)
    return {
      ok: false,
      message: "Please correct the fields marked below.",
      errors: parsed.errors,
      values: typedValues(formData),
    };
  const outcome = runVerb(formData, () => createMonitor(getDb(), actorOf(ctx), parsed.input));
  if (!outcome.ok) return outcome.state;
  refresh();
  const { id, heartbeatToken } = outcome.value;
  // The heartbeat URL carries its secret: shown once here, never put in a redirect URL or stored.
  if (heartbeatToken)
    return {
      message: "Monitor created. Copy its heartbeat URL now: it is shown only once.",
      reveal: { heartbeatPath: `/api/heartbeat/${heartbeatToken}`, monitorId: id },
    };
  redirect(doneHref(`/admin/monitors/${id}`, "monitor-created"));
});

export const updateMonitorAction = adminAction(
  "admin",
  z.object({ id: entityId }).passthrough(),
  ({ id }, ctx, formData) => {
    const parsed = parseMonitorForm(formData);
    if (!parsed.ok)
      return {
        ok: false,
        message: "Please correct the fields marked below.",
        errors: parsed.errors,
        values: typedValues(formData),
      };
    const outcome = runVerb(formData, () => updateMonitor(getDb(), actorOf(ctx), id, parsed.input));
    if (!outcome.ok) return outcome.state;
    refresh(id);
    redirect(doneHref(`/admin/monitors/${id}`, "monitor-saved"));
  },
);

export const pauseMonitorAction = adminAction(
  "admin",
  z.object({ id: entityId, paused: z.enum(["true", "false"]) }),
  ({ id, paused }, ctx, formData) => {
    const outcome = runVerb(formData, () => pauseMonitor(getDb(), actorOf(ctx), id, paused === "true"));
    if (!outcome.ok) return outcome.state;
    refresh(id);
    redirect(doneHref(`/admin/monitors/${id}`, paused === "true" ? "monitor-paused" : "monitor-resumed"));
  },
);

export const deleteMonitorAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = runVerb(formData, () => deleteMonitor(getDb(), actorOf(ctx), id));
  if (!outcome.ok) return outcome.state;
  refresh();
  redirect(doneHref("/admin/monitors", "monitor-deleted"));
});

/** One check now, shown with its details; not recorded, so it never moves the damped state. */
export const runNowAction = adminAction("admin", z.object({ id: entityId }), async ({ id }) => {
  const monitor = findMonitor(getDb(), id);
  if (!monitor) return { ok: false, message: "This monitor no longer exists." };
  const result = await runCheck(monitor);
  if (!result) return { message: "No heartbeat is overdue: the last call is within its period and grace." };
  const details = Object.entries(result.detail).map(
    ([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`,
  );
  return {
    ok: true,
    message: result.ok
      ? `Up${result.responseMs !== null ? ` in ${result.responseMs} ms` : ""}.`
      : `Down: ${result.error}`,
    reveal: { details },
  };
});

export const publishDraftAction = adminAction("editor", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = runVerb(formData, () => publishAutomaticDraft(getDb(), actorOf(ctx), id));
  if (!outcome.ok) return outcome.state;
  refresh();
  revalidatePath("/admin/incidents");
  redirect(doneHref(`/admin/incidents/${outcome.value}`, "draft-published"));
});

export const dismissDraftAction = adminAction("editor", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = runVerb(formData, () => dismissAutomaticDraft(getDb(), actorOf(ctx), id));
  if (!outcome.ok) return outcome.state;
  refresh();
  redirect(doneHref("/admin/monitors", "draft-dismissed"));
});

export const alertOptInAction = adminAction("editor", z.object({ on: z.enum(["true", "false"]) }), ({ on }, ctx) => {
  setOwnMonitorAlerts(getDb(), actorOf(ctx), on === "true");
  revalidatePath("/admin/monitors");
  return {
    message:
      on === "true" ? "You will get an email when a monitor goes down." : "You will no longer get monitor emails.",
  };
});
