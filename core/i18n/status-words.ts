// The message key of each overall-status description core/status.ts can give (namespace "page", overall.*),
// so the banner, the title and the embed say it in the page's language.
import type { StatusDescription } from "@/db/constants";

export const DESCRIPTION_KEY = {
  "All Systems Operational": "allOperational",
  "Minor Service Outage": "minorOutage",
  "Partial System Outage": "partialOutage",
  "Major System Outage": "majorOutage",
  "Partially Degraded Service": "partiallyDegraded",
  "Degraded System Service": "degraded",
  "Service Under Maintenance": "maintenance",
} as const satisfies Record<StatusDescription, string>;
