import { singleCalendarHandlers } from "@/services/feeds/calendar-route";

export const dynamic = "force-dynamic";

// Public and read-only: one maintenance as an .ics download (/maintenances/<id>.ics).
export const { GET, HEAD, OPTIONS } = singleCalendarHandlers();
