// Managing an SMS subscription from the web (app/manage/sms/): the number, then a code sent to it by SMS
// (the sign-up's limits), then a short-lived signed link to a page that shows the scope and can change the
// services, widen or narrow the impacts, or unsubscribe. Nothing new is stored: the code is derived from the
// app secret, the subscriber and a ten-minute window, and the link carries its own expiry under an HMAC that
// includes token_version (raised by every confirmation and unsubscription, so old links die with them). A
// number with nothing to manage gets the same answer and a decoy reference, and no SMS.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db";
import { getSmsSubscriberByPhone, smsFollowersOfNumber } from "@/db/queries/sms";
import { componentChoices, getPageRow, getSubscriber, subscribedComponentIds } from "@/db/queries/subscribers";
import { enqueueNotification } from "@/db/writes/outbox";
import { ensureAppSecret } from "@/db/writes/page";
import { setSmsAllImpacts, unsubscribeSmsNumber } from "@/db/writes/sms";
import { consumeRateLimit } from "@/db/writes/subscription-limits";
import { setSubscriberComponents } from "@/db/writes/subscribers";
import { isId, newId } from "@/core/ids";
import { parsePhoneNumber } from "@/core/phone";
import type { SignupProblem } from "@/core/signup-problems";
import { MINUTE } from "@/core/time";
import { consumeCodeLimits, MAX_CODE_ATTEMPTS } from "./subscribe";

/** A code is good in the window it was sent in and the next one: 10 to 20 minutes. */
export const MANAGE_WINDOW_MS = 10 * MINUTE;
/** How long the page opened with a code stays open. */
export const MANAGE_LINK_TTL_MS = 30 * MINUTE;

const mac = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest();

/** The six digits of a manage code for this subscriber and window (derived, never stored). */
export function smsManageCode(secret: string, subscriberId: string, window: number): string {
  return String(mac(secret, `sms-manage-code:${subscriberId}:${window}`).readUInt32BE(0) % 1_000_000).padStart(6, "0");
}

export function smsManageToken(secret: string, subscriber: { id: string; tokenVersion: number }, expiresAt: number) {
  const sig = mac(secret, `sms-manage:${subscriber.id}:${subscriber.tokenVersion}:${expiresAt}`)
    .toString("base64url")
    .slice(0, 32);
  return `${subscriber.id}.${expiresAt.toString(36)}.${sig}`;
}

export type ManageRequest =
  | { status: "code-sent"; ref: string }
  | { status: "invalid"; error: string; problem: SignupProblem }
  | { status: "too-many" };

export function requestSmsManageCode(db: Db, rawPhone: string, ip: string, now = Date.now()): ManageRequest {
  const phone = parsePhoneNumber(rawPhone.slice(0, 40));
  if (!phone.ok) return { status: "invalid", error: phone.error, problem: phone.problem };
  const page = getPageRow(db);
  if (!page) return { status: "code-sent", ref: newId() };
  return db.transaction((tx): ManageRequest => {
    if (!consumeCodeLimits(tx, ip, phone.e164, now)) return { status: "too-many" };
    const pageWide = getSmsSubscriberByPhone(tx, page.id, phone.e164);
    const target = pageWide?.state === "active" ? pageWide : smsFollowersOfNumber(tx, page.id, phone.e164)[0];
    if (!target) return { status: "code-sent", ref: newId() };
    enqueueNotification(tx, {
      pageId: page.id,
      kind: "sms_manage_code",
      subscriberId: target.id,
      at: now,
      payload: { window: Math.floor(now / MANAGE_WINDOW_MS) },
    });
    return { status: "code-sent", ref: target.id };
  });
}

export type ManageVerify = { status: "ok"; token: string } | { status: "wrong" } | { status: "too-many" };

/** The code typed back: a link to the manage page. Unknown references behave like a mistyped code. */
export function verifySmsManageCode(db: Db, ref: string, code: string, now = Date.now()): ManageVerify {
  return db.transaction((tx): ManageVerify => {
    if (!consumeRateLimit(tx, `sms:manage:verify:${ref.slice(0, 20)}`, MAX_CODE_ATTEMPTS, 2 * MANAGE_WINDOW_MS, now))
      return { status: "too-many" };
    const s = isId(ref) ? getSubscriber(tx, ref) : undefined;
    const typed = code.replace(/\s+/g, "");
    if (!s || s.kind !== "sms" || s.state !== "active" || !/^\d{6}$/.test(typed)) return { status: "wrong" };
    const secret = ensureAppSecret(tx, now);
    const window = Math.floor(now / MANAGE_WINDOW_MS);
    const ok = [window, window - 1].some((w) => {
      const expected = Buffer.from(smsManageCode(secret, s.id, w));
      return timingSafeEqual(expected, Buffer.from(typed));
    });
    return ok ? { status: "ok", token: smsManageToken(secret, s, now + MANAGE_LINK_TTL_MS) } : { status: "wrong" };
  });
}

/** The subscriber a manage link opens, or why not. */
export function openSmsManageLink(db: Db, token: string, now = Date.now()) {
  const [id, expires, sig, extra] = token.slice(0, 100).split(".");
  const expiresAt = parseInt(expires ?? "", 36);
  if (extra !== undefined || !isId(id) || !sig || !Number.isFinite(expiresAt)) return { status: "invalid" as const };
  const s = getSubscriber(db, id);
  if (!s || s.kind !== "sms") return { status: "invalid" as const };
  const expected = Buffer.from(smsManageToken(ensureAppSecret(db, now), s, expiresAt));
  const given = Buffer.from(token);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: "invalid" as const };
  if (expiresAt <= now || s.state !== "active") return { status: "expired" as const };
  return { status: "ok" as const, subscriber: s };
}

/** What the manage page shows: the scope, the impacts, the services to choose from. */
export function smsManageView(db: Db, subscriber: NonNullable<ReturnType<typeof getSubscriber>>) {
  return {
    follows: subscriber.followIncidentId,
    allComponents: subscriber.allComponents,
    componentIds: new Set(subscribedComponentIds(db, subscriber.id)),
    allImpacts: subscriber.smsAllImpacts,
    choices: componentChoices(db, subscriber.pageId),
  };
}

export type ManageChange =
  { action: "unsubscribe" } | { action: "save"; scope: "all" | "some"; componentIds: string[]; allImpacts: boolean };

/** Saves the choices (only services the public may pick) or unsubscribes every SMS of the number. */
export function changeSmsSubscription(db: Db, subscriberId: string, change: ManageChange, now = Date.now()) {
  const page = getPageRow(db);
  const allowed = new Set(page ? componentChoices(db, page.id).flatMap((g) => g.components.map((c) => c.id)) : []);
  return db.transaction((tx) => {
    const s = getSubscriber(tx, subscriberId);
    if (!s || s.kind !== "sms" || s.state !== "active" || !s.phone) return "gone" as const;
    if (change.action === "unsubscribe") {
      unsubscribeSmsNumber(tx, s.pageId, s.phone, now);
      return "unsubscribed" as const;
    }
    const chosen = [...new Set(change.componentIds)].filter((id) => allowed.has(id)).slice(0, 500);
    if (change.scope === "some" && chosen.length === 0) return "choose-one" as const;
    if (s.followIncidentId === null) setSubscriberComponents(tx, s.id, change.scope === "all" ? [] : chosen, now);
    setSmsAllImpacts(tx, s.id, change.allImpacts, now);
    return "saved" as const;
  });
}
