import { calendarHandlers } from "@/services/feeds/calendar-route";

export const dynamic = "force-dynamic";

// Public and read-only: scheduled maintenance as an iCalendar feed.
export const { GET, HEAD, OPTIONS } = calendarHandlers();
