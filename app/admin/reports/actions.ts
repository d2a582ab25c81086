"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction } from "@/services/auth/action";
import { actorOf, runVerb } from "@/services/console/domain-actions";
import { decodeGroupRef } from "@/core/visitor-reports";
import { closeReportGroup, setOwnReportSpikeAlerts, updateSpikeRule } from "@/services/reports/triage";

const groupField = z
  .string()
  .max(80)
  .transform((v, ctx) => {
    const ref = decodeGroupRef(v);
    if (!ref) ctx.addIssue({ code: "custom", message: "That group of reports does not exist." });
    return ref!;
  });

export const closeGroupAction = adminAction(
  "editor",
  z.object({ group: groupField, state: z.enum(["handled", "dismissed"]) }),
  ({ group, state }, ctx, formData) => {
    const outcome = runVerb(formData, () => closeReportGroup(getDb(), actorOf(ctx), group, state));
    if (!outcome.ok) return outcome.state;
    revalidatePath("/admin/reports");
    revalidatePath("/admin");
    const n = outcome.value;
    return {
      ok: true,
      message: `${n} report${n === 1 ? "" : "s"} ${state === "handled" ? "marked as handled" : "dismissed"}.`,
    };
  },
);

export const spikeRuleAction = adminAction(
  "admin",
  z.object({ threshold: z.string().max(10), minutes: z.string().max(10) }),
  (data, ctx, formData) => {
    const outcome = runVerb(formData, () => updateSpikeRule(getDb(), actorOf(ctx), data));
    if (!outcome.ok) return outcome.state;
    revalidatePath("/admin/reports");
    return { ok: true, message: "Spike rule saved.", values: { threshold: data.threshold, minutes: data.minutes } };
  },
);

export const spikeOptInAction = adminAction("editor", z.object({ on: z.enum(["true", "false"]) }), ({ on }, ctx) => {
  setOwnReportSpikeAlerts(getDb(), actorOf(ctx), on === "true");
  revalidatePath("/admin/reports");
  return {
    ok: true,
    message: on === "true" ? "You will get an email when reports spike." : "You will no longer get spike emails.",
  };
});
