import { getConsoleSsoCallback } from "@/services/auth/sso-routes";

export const dynamic = "force-dynamic";
export const GET = getConsoleSsoCallback;
