import { postLinkRequest } from "@/services/viewers/routes";

export const dynamic = "force-dynamic";
export const POST = postLinkRequest;
