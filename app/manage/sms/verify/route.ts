// Public, POST only: the code typed back; the code itself authenticates.
import { verifyPost } from "@/services/sms/manage-routes";

export const dynamic = "force-dynamic";
export const POST = verifyPost;
