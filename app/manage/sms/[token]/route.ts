// Public: the SMS settings behind a signed, expiring link (plain-page HTML); the link authenticates.
import { settingsGet, settingsPost } from "@/services/sms/manage-routes";

export const dynamic = "force-dynamic";
export const GET = settingsGet;
export const POST = settingsPost;
