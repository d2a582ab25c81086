import { getOidcStart } from "@/services/viewers/oidc-routes";

export const dynamic = "force-dynamic";
export const GET = getOidcStart;
