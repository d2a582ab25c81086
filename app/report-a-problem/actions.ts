"use server";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { answerWhenDatabaseCannotSave } from "@/services/auth/action";
import { clientAddress } from "@/services/auth/request";
import { publicLocale } from "@/services/i18n/request";
import { translator } from "@/core/i18n/translate";
import { submitVisitorReport, type ReportResult } from "@/services/reports/submit";

export interface ReportValues {
  service: string;
  problem: string;
  details: string;
  email: string;
}
export type ReportState =
  ((ReportResult | { status: "unavailable"; message: string }) & { values?: ReportValues; at?: number }) | null;

function typedReport(form: FormData): ReportValues {
  const field = (name: string, max: number) => String(form.get(name) ?? "").slice(0, max);
  return {
    service: field("service", 40),
    problem: field("problem", 40),
    details: field("details", 2000),
    email: field("email", 1000),
  };
}

// Public and anonymous by design; Next checks the Origin of Server Action posts, and the limits are per
// client address, per service and per page (services/reports/submit.ts).
export const reportProblemAction = answerWhenDatabaseCannotSave(
  async (_prev: ReportState, form: FormData): Promise<ReportState> => {
    const values = typedReport(form);
    const ip = clientAddress(await headers()) ?? "unknown";
    const result = submitVisitorReport(
      getDb(),
      { ...values, problem: values.problem as never, website: String(form.get("website") ?? "").slice(0, 1001) },
      ip,
      Date.now(),
      // The form posts to its own page's URL (/de/report-a-problem), so the errors come in that language.
      (await publicLocale()).locale,
    );
    return result.status === "sent" ? result : { ...result, values, at: Date.now() };
  },
  async (form): Promise<ReportState> => ({
    status: "unavailable",
    message: translator((await publicLocale()).locale, "report-problem")("errors.unavailable"),
    values: typedReport(form),
  }),
);
