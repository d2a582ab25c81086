"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction } from "@/services/auth/action";
import { actorOf } from "@/services/console/domain-actions";
import { forgetPublicReports } from "@/services/reports/public-report";
import { setOwnMonthlyReportEmail, setReportPublic } from "@/services/reports/report-settings";

const onOff = z.object({ on: z.enum(["true", "false"], { error: "Choose on or off." }) });

export const publicReportAction = adminAction("admin", onOff, ({ on }, ctx) => {
  setReportPublic(getDb(), actorOf(ctx), on === "true");
  forgetPublicReports();
  revalidatePath("/admin/report");
  return {
    ok: true,
    message: on === "true" ? "The report is public at /report." : "The report is no longer public.",
  };
});

export const monthlyEmailAction = adminAction("editor", onOff, ({ on }, ctx) => {
  setOwnMonthlyReportEmail(getDb(), actorOf(ctx), on === "true");
  revalidatePath("/admin/report");
  return {
    ok: true,
    message: on === "true" ? "You will get the monthly email." : "You will no longer get the monthly email.",
  };
});
