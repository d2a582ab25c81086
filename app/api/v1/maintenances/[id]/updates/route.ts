import { endpoints } from "@/services/api/v1/endpoints";
import { route } from "@/services/api/v1/handler";

export const dynamic = "force-dynamic";

// The management API: every request authenticates with an API key (no cookies), so no CSRF applies.
export const POST = route(endpoints.postMaintenanceUpdate);
