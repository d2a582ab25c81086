import { getConsoleSsoStart } from "@/services/auth/sso-routes";

export const dynamic = "force-dynamic";
export const GET = getConsoleSsoStart;
