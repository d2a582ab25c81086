import { asc, eq } from "drizzle-orm";
import type { Tx } from "../index";
import { consoleSsoSettings, ssoAccessRequests } from "../schema";

export const SSO_SETTINGS_ID = "default";

/** The console's SSO settings; the defaults (no mapping, passwords on) until an owner saves them. */
export function getConsoleSsoSettings(tx: Tx) {
  return (
    tx.select().from(consoleSsoSettings).where(eq(consoleSsoSettings.id, SSO_SETTINGS_ID)).get() ?? {
      id: SSO_SETTINGS_ID,
      roleClaim: "groups",
      roleMapping: "",
      emailDomains: "",
      localPasswordsOff: false,
      breakGlassUserId: null,
      updatedAt: 0,
    }
  );
}

export function listSsoAccessRequests(tx: Tx) {
  return tx.select().from(ssoAccessRequests).orderBy(asc(ssoAccessRequests.createdAt)).all();
}

export function findSsoAccessRequest(tx: Tx, id: string) {
  return tx.select().from(ssoAccessRequests).where(eq(ssoAccessRequests.id, id)).get();
}

export function findSsoAccessRequestByEmail(tx: Tx, email: string) {
  return tx.select().from(ssoAccessRequests).where(eq(ssoAccessRequests.email, email)).get();
}
