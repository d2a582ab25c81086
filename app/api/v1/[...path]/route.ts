import { apiError } from "@/services/api/v1/handler";

export const dynamic = "force-dynamic";

// Unknown management API paths answer in the API's error shape.
const notFound = () => apiError(404, "not_found", "No such endpoint: see /api/v1/openapi.json");
export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE };
