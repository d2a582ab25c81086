// The SMS sign-up: a number in E.164 (core/phone.ts), then a code sent to it by SMS before anything else,
// typed back on the page. The code is derived from the app secret and the sign-up (never stored; the row
// keeps an HMAC of it), expires after CODE_TTL_MS and allows MAX_CODE_ATTEMPTS tries; codes are limited per
// number and per client address.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import {
  invalidField,
  invalidSignup,
  problemsFromFieldErrors,
  signupProblem,
  type InvalidSignup,
} from "@/core/signup-problems";
import { languageField } from "@/services/subscriptions/language";
import type { Db, Tx } from "@/db";
import { getPageRow, getSubscriber } from "@/db/queries/subscribers";
import { getSmsSubscriberByPhone } from "@/db/queries/sms";
import { enqueueNotification } from "@/db/writes/outbox";
import { ensureAppSecret } from "@/db/writes/page";
import { upsertPendingSmsSubscriber } from "@/db/writes/sms";
import { consumeRateLimit } from "@/db/writes/subscription-limits";
import { confirmSubscriber } from "@/db/writes/subscribers";
import { isId, newId } from "@/core/ids";
import { parsePhoneNumber } from "@/core/phone";
import { HOUR, MINUTE } from "@/core/time";

export const CODE_TTL_MS = 10 * MINUTE;
export const MAX_CODE_ATTEMPTS = 5;
export const SMS_LIMITS = { codesPerNumberPerHour: 3, codesPerIpPerHour: 5, codesPerHour: 200 };

export const smsSubscribeSchema = z.object({
  /** The language of the page it was posted from (missing or tampered: the default). */
  language: languageField,

  phone: z.string().max(40, { error: "phoneInternational" }),
  scope: z.enum(["all", "some"]).default("all"),
  componentIds: z.array(z.string().refine(isId)).max(500).default([]),
  /** Widen SMS from major/critical incidents and reminders to every incident and maintenance notification. */
  allImpacts: z.boolean().default(false),
  website: z.string().max(1000).default(""),
});
export type SmsSubscribeInput = z.input<typeof smsSubscribeSchema>;

export type SmsSubscribeResult = { status: "code-sent"; subscriberId: string } | InvalidSignup | { status: "too-many" };

const hash = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 32);

/** The six digits sent to a pending number: derived from the sign-up, so the outbox never holds them. */
export function smsCode(secret: string, subscriberId: string, sentAt: number): string {
  const mac = createHmac("sha256", secret).update(`sms-code:${subscriberId}:${sentAt}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, "0");
}
const codeHash = (secret: string, subscriberId: string, code: string) =>
  createHmac("sha256", secret).update(`sms-code-hash:${subscriberId}:${code}`).digest("hex");

/** The limits on asking for a code (per client address, per number, overall), shared by every SMS sign-up. */
export function consumeCodeLimits(tx: Tx, ip: string, phone: string, now: number): boolean {
  const limits = [
    [`sms:code:ip:${hash(ip)}`, SMS_LIMITS.codesPerIpPerHour],
    [`sms:code:number:${hash(phone)}`, SMS_LIMITS.codesPerNumberPerHour],
    ["sms:codes", SMS_LIMITS.codesPerHour],
  ] as const;
  for (const [key, limit] of limits) if (!consumeRateLimit(tx, key, limit, HOUR, now)) return false;
  return true;
}

export function requestSmsSubscription(
  db: Db,
  raw: SmsSubscribeInput,
  ip: string,
  now = Date.now(),
): SmsSubscribeResult {
  const parsed = smsSubscribeSchema.safeParse(raw);
  if (!parsed.success) return invalidSignup(problemsFromFieldErrors(z.flattenError(parsed.error).fieldErrors));
  const input = parsed.data;
  const phone = parsePhoneNumber(input.phone);
  if (!phone.ok) return invalidField("phone", phone.problem);
  if (input.scope === "some" && input.componentIds.length === 0)
    return invalidField("componentIds", signupProblem("componentsNone"));
  // A bot: pretend, do nothing (the id it gets names nothing).
  if (input.website !== "") return { status: "code-sent", subscriberId: "000000000000" };
  const page = getPageRow(db)!;
  return db.transaction((tx): SmsSubscribeResult => {
    if (!consumeCodeLimits(tx, ip, phone.e164, now)) return { status: "too-many" };
    const existing = getSmsSubscriberByPhone(tx, page.id, phone.e164);
    // Already subscribed: no new code (it would pause nothing and change nothing); the same answer, with a
    // decoy id that names nothing (verifySmsCode treats it like a mistyped code).
    if (existing?.state === "active") return { status: "code-sent", subscriberId: newId() };
    const id = startSmsVerification(tx, page.id, existing?.id ?? null, phone.e164, input, now);
    return { status: "code-sent", subscriberId: id };
  });
}

export function startSmsVerification(
  tx: Tx,
  pageId: string,
  existingId: string | null,
  phone: string,
  input: Pick<z.output<typeof smsSubscribeSchema>, "scope" | "componentIds" | "allImpacts"> & {
    language?: z.output<typeof smsSubscribeSchema>["language"];
    follow?: { incidentId: string; postmortem: boolean };
  },
  now: number,
): string {
  const secret = ensureAppSecret(tx, now);
  // The code is derived from the id and this sign-up's time, so the id comes first.
  const id = existingId ?? newId();
  upsertPendingSmsSubscriber(tx, pageId, existingId, {
    id,
    phone,
    componentIds: input.scope === "all" ? [] : [...new Set(input.componentIds)],
    allImpacts: input.allImpacts,
    codeHash: codeHash(secret, id, smsCode(secret, id, now)),
    at: now,
    expiresAt: now + CODE_TTL_MS,
    language: input.language,
    follow: input.follow,
  });
  enqueueNotification(tx, { pageId, kind: "sms_verification", subscriberId: id, at: now });
  return id;
}

export type VerifyResult = "verified" | "wrong" | "expired" | "too-many";

/** The code typed back: activates the subscription. Wrong codes count; after MAX_CODE_ATTEMPTS, a new code. */
export function verifySmsCode(db: Db, subscriberId: string, code: string, now = Date.now()): VerifyResult {
  if (!isId(subscriberId)) return "expired";
  return db.transaction((tx): VerifyResult => {
    const s = getSubscriber(tx, subscriberId);
    if (!s || s.kind !== "sms") {
      // A decoy id (the answer to a number that is already subscribed, or to a bot) behaves like a pending
      // sign-up whose code was mistyped, so trying codes does not tell subscribed numbers from new ones.
      if (!consumeRateLimit(tx, `sms:verify:${subscriberId}:decoy`, MAX_CODE_ATTEMPTS, CODE_TTL_MS, now))
        return "too-many";
      return "wrong";
    }
    if (s.state !== "pending" || !s.confirmTokenHash) return "expired";
    if ((s.confirmationExpiresAt ?? 0) <= now) return "expired";
    if (!consumeRateLimit(tx, `sms:verify:${s.id}:${s.confirmationSentAt}`, MAX_CODE_ATTEMPTS, CODE_TTL_MS, now))
      return "too-many";
    const typed = code.replace(/\s+/g, "");
    if (!/^\d{6}$/.test(typed)) return "wrong";
    const expected = Buffer.from(s.confirmTokenHash);
    const given = Buffer.from(codeHash(ensureAppSecret(tx, now), s.id, typed));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "wrong";
    confirmSubscriber(tx, s.id, now);
    return "verified";
  });
}
