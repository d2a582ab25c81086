import { postLinkConfirm } from "@/services/viewers/routes";

export const dynamic = "force-dynamic";
export const POST = postLinkConfirm;
