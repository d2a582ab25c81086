// "Something not working?": a visitor's report, anonymous and without JavaScript. The form's rules are the
// same as everywhere (no control characters, sizes), a honeypot catches simple bots, and three rate limits
// keep a flood out: per client address, per service, and for the whole page.
import { createHash } from "node:crypto";
import { z } from "zod";
import { LIMITS, REPORT_LIMITS, REPORT_PROBLEMS } from "@/db/constants";
import type { Db } from "@/db";
import { getPageRow } from "@/db/queries/subscribers";
import { openIncidentIdsFor, reportableComponent } from "@/db/queries/visitor-reports";
import { consumeRateLimit } from "@/db/writes/subscription-limits";
import { insertReport } from "@/db/writes/visitor-reports";
import { isId } from "@/core/ids";
import { multiLine } from "@/core/text-input";
import { HOUR, MINUTE } from "@/core/time";
import { noteReportForSpike } from "./spike";

export const REPORT_RATE_LIMITS = {
  perAddressPerHour: 10,
  perServicePerTenMinutes: 60,
  perPagePerHour: 600,
};

/** "other" is the form's value for "something else": no particular service. */
export const SOMETHING_ELSE = "other";

export const reportSchema = z.object({
  service: z
    .string({ error: "Choose the service, or “something else”." })
    .min(1, { error: "Choose the service, or “something else”." })
    .max(20, { error: "Choose a service from the list." }),
  problem: z.enum(REPORT_PROBLEMS, { error: "Choose what is wrong." }),
  details: multiLine(
    z
      .string()
      .trim()
      .max(REPORT_LIMITS.details, { error: `Keep it to ${REPORT_LIMITS.details.toLocaleString("en")} characters.` }),
  ).default(""),
  email: z
    .string()
    .trim()
    .max(LIMITS.email, { error: "Enter an email address of at most 254 characters." })
    .pipe(z.union([z.literal(""), z.email({ error: "Enter a valid email address, or leave it empty." })]))
    .default(""),
  /** The honeypot: a field people never see or fill in. */
  website: z.string().max(1000).default(""),
});
export type ReportInput = z.input<typeof reportSchema>;

export type ReportResult =
  | { status: "sent"; incidentId: string | null }
  | { status: "invalid"; errors: Record<string, string[] | undefined> }
  | { status: "too-many" };

const hash = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);
const unknownService = { status: "invalid" as const, errors: { service: ["Choose a service from the list."] } };

export function submitVisitorReport(db: Db, raw: ReportInput, clientAddress: string, now = Date.now()): ReportResult {
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) return { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors };
  const input = parsed.data;
  if (input.website !== "") return { status: "sent", incidentId: null }; // a bot: pretend, keep nothing
  if (input.problem === "other" && input.details === "")
    return { status: "invalid", errors: { details: ["Tell us what is wrong."] } };
  if (input.service !== SOMETHING_ELSE && !isId(input.service)) return unknownService;
  const page = getPageRow(db);
  if (!page) return unknownService;
  return db.transaction(
    (tx) => {
      // Unknown, deleted or internal: one answer, so the form reveals nothing about services not shown.
      const component = input.service === SOMETHING_ELSE ? null : reportableComponent(tx, page.id, input.service);
      if (input.service !== SOMETHING_ELSE && !component) return unknownService;
      if (!consumeRateLimit(tx, `report:ip:${hash(clientAddress)}`, REPORT_RATE_LIMITS.perAddressPerHour, HOUR, now))
        return { status: "too-many" as const };
      if (!consumeRateLimit(tx, `report:page:${page.id}`, REPORT_RATE_LIMITS.perPagePerHour, HOUR, now))
        return { status: "too-many" as const };
      const serviceKey = `report:service:${component?.id ?? SOMETHING_ELSE}`;
      if (!consumeRateLimit(tx, serviceKey, REPORT_RATE_LIMITS.perServicePerTenMinutes, 10 * MINUTE, now))
        return { status: "too-many" as const };
      // A known problem: the report joins the open incident, so its reporter hears when it is fixed.
      const incidentId = component ? (openIncidentIdsFor(tx, page.id, component.id)[0] ?? null) : null;
      insertReport(tx, {
        pageId: page.id,
        componentId: component?.id ?? null,
        problem: input.problem,
        details: input.details,
        email: input.email === "" ? null : input.email.toLowerCase(),
        incidentId,
        at: now,
      });
      if (component && !incidentId) noteReportForSpike(tx, page, component, now);
      return { status: "sent" as const, incidentId };
    },
    { behavior: "immediate" },
  );
}
