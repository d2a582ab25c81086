// Public: the number form of the SMS manage flow (plain HTML through the plain-page frame).
import { numberGet, numberPost } from "@/services/sms/manage-routes";

export const dynamic = "force-dynamic";
export const GET = numberGet;
export const POST = numberPost;
