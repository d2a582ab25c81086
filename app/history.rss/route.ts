import { feedHandlers } from "@/services/feeds/feed-route";

export const dynamic = "force-dynamic";

// Public and read-only: the incident history as a feed.
export const { GET, HEAD, OPTIONS } = feedHandlers("rss");
