import { eq, sql } from "drizzle-orm";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { SSO_SETTINGS_ID } from "../queries/console-sso";
import { consoleSsoSettings, ssoAccessRequests } from "../schema";

export function saveConsoleSsoSettings(
  tx: Tx,
  input: {
    roleClaim: string;
    roleMapping: string;
    emailDomains: string;
    localPasswordsOff: boolean;
    breakGlassUserId: string | null;
    at: number;
  },
): void {
  const { at, ...values } = input;
  tx.insert(consoleSsoSettings)
    .values({ id: SSO_SETTINGS_ID, ...values, updatedAt: at })
    .onConflictDoUpdate({ target: consoleSsoSettings.id, set: { ...values, updatedAt: at } })
    .run();
}

/** Records (or refreshes) a request for access; one per email. */
export function upsertSsoAccessRequest(
  tx: Tx,
  input: { email: string; name: string; claimValues: string[]; at: number },
): void {
  tx.insert(ssoAccessRequests)
    .values({ id: newId(), ...input, createdAt: input.at, lastSeenAt: input.at })
    .onConflictDoUpdate({
      target: ssoAccessRequests.email,
      set: { name: input.name, claimValues: input.claimValues, lastSeenAt: sql`excluded.last_seen_at` },
    })
    .run();
}

export function deleteSsoAccessRequest(tx: Tx, id: string): boolean {
  return tx.delete(ssoAccessRequests).where(eq(ssoAccessRequests.id, id)).run().changes > 0;
}

export function deleteSsoAccessRequestByEmail(tx: Tx, email: string): void {
  tx.delete(ssoAccessRequests).where(eq(ssoAccessRequests.email, email)).run();
}
