import { v2Handlers } from "@/services/api/v2-route";

export const dynamic = "force-dynamic";

// Public and read-only (Statuspage API v2): no authentication.
export const { GET, HEAD, OPTIONS } = v2Handlers("status.json");
