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
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
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

/** The form's rules, with each message in the visitor's language (namespace "report-problem"). */
export function reportSchemaIn(locale: Locale) {
  const t = translator(locale, "report-problem");
  return z.object({
    service: z
      .string({ error: t("errors.serviceRequired") })
      .min(1, { error: t("errors.serviceRequired") })
      .max(20, { error: t("errors.serviceUnknown") }),
    problem: z.enum(REPORT_PROBLEMS, { error: t("errors.problem") }),
    details: multiLine(
      z
        .string()
        .trim()
        .max(REPORT_LIMITS.details, { error: t("errors.detailsTooLong", { max: REPORT_LIMITS.details }) }),
    ).default(""),
    email: z
      .string()
      .trim()
      .max(LIMITS.email, { error: t("errors.emailTooLong", { max: LIMITS.email }) })
      .pipe(z.union([z.literal(""), z.email({ error: t("errors.emailInvalid") })]))
      .default(""),
    /** The honeypot: a field people never see or fill in. */
    website: z.string().max(1000).default(""),
  });
}
export const reportSchema = reportSchemaIn(DEFAULT_LOCALE);
const SCHEMAS = new Map<Locale, typeof reportSchema>([[DEFAULT_LOCALE, reportSchema]]);
const schemaIn = (locale: Locale) => {
  let schema = SCHEMAS.get(locale);
  if (!schema) SCHEMAS.set(locale, (schema = reportSchemaIn(locale)));
  return schema;
};
export type ReportInput = z.input<typeof reportSchema>;

export type ReportResult =
  | { status: "sent"; incidentId: string | null }
  | { status: "invalid"; errors: Record<string, string[] | undefined> }
  | { status: "too-many" };

const hash = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);
export function submitVisitorReport(
  db: Db,
  raw: ReportInput,
  clientAddress: string,
  now = Date.now(),
  locale: Locale = DEFAULT_LOCALE,
): ReportResult {
  const t = translator(locale, "report-problem");
  const unknownService = { status: "invalid" as const, errors: { service: [t("errors.serviceUnknown")] } };
  const parsed = schemaIn(locale).safeParse(raw);
  if (!parsed.success) return { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors };
  const input = parsed.data;
  if (input.website !== "") return { status: "sent", incidentId: null }; // a bot: pretend, keep nothing
  if (input.problem === "other" && input.details === "")
    return { status: "invalid", errors: { details: [t("errors.detailsRequired")] } };
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
