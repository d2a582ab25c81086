// Twilio's inbound-message webhook: a reply of STOP (or one of Twilio's other opt-out words) unsubscribes the
// number. Authenticated by X-Twilio-Signature alone (an HMAC of the URL Twilio called and the form fields with
// the auth token): a forged or unsigned request changes nothing and gets a 403. Twilio itself answers the
// opt-out with its standard reply, so ours is an empty TwiML document.
import type { Db } from "@/db";
import { getPageRow } from "@/db/queries/subscribers";
import { unsubscribeSmsNumber } from "@/db/writes/sms";
import { parsePhoneNumber } from "@/core/phone";
import { isSignedByTwilio } from "./twilio";

/** Twilio's default opt-out keywords (Advanced Opt-Out), matched on the whole trimmed body. */
export const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);

export type InboundResult = { status: 403; error: string } | { status: 200; unsubscribed: number };

export function handleTwilioInbound(
  db: Db,
  authToken: string,
  url: string,
  signature: string | null,
  params: Record<string, string>,
  now = Date.now(),
): InboundResult {
  if (!isSignedByTwilio(authToken, signature, url, params))
    return { status: 403, error: "The X-Twilio-Signature header is missing or does not match" };
  const word = (params.Body ?? "").trim().toUpperCase();
  const from = parsePhoneNumber(params.From ?? "");
  const page = getPageRow(db);
  if (!STOP_WORDS.has(word) || !from.ok || !page) return { status: 200, unsubscribed: 0 };
  const unsubscribed = db.transaction((tx) => unsubscribeSmsNumber(tx, page.id, from.e164, now));
  return { status: 200, unsubscribed };
}

export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
