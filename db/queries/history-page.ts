// The incident history: three months per page in the page's time zone, optionally for one service.
import { addMonths, historyPageMonths, localDate, startOfLocalDay } from "@/core/time-zone";
import type { Audience } from "../constants";
import type { Db } from "../index";
import type { Page } from "../schema";
import { getIncidentsBetween, getOldestIncidentTime, occurredAt, type PublicIncident } from "./public-incidents";
import { getComponentTree } from "./status-page";

export function getHistoryPage(
  db: Db,
  page: Page,
  pageNumber: number,
  componentParam: unknown,
  now = Date.now(),
  audience: Audience = "public",
) {
  const tz = page.timeZone;
  const services = getComponentTree(db, page.id, audience).flatMap((r) =>
    r.type === "group" ? r.components : [r.component],
  );
  // An unknown or malformed service id shows everything rather than an error: old links keep working.
  const component = services.find((c) => c.id === componentParam);
  const monthKeys = historyPageMonths(now, pageNumber, tz);
  const from = startOfLocalDay(`${monthKeys.at(-1)}-01`, tz);
  const to = startOfLocalDay(`${addMonths(monthKeys[0], 1)}-01`, tz);
  const items = getIncidentsBetween(db, page.id, from, to, { componentId: component?.id, audience });
  const oldest = getOldestIncidentTime(db, page.id, audience);
  const months: { month: string; items: PublicIncident[] }[] = monthKeys.map((month) => ({
    month,
    items: items.filter((i) => localDate(occurredAt(i.incident), tz).startsWith(month)),
  }));
  return { services, component, months, hasOlder: oldest !== null && oldest < from };
}
