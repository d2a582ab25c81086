"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { insertAuditEntry } from "@/db/writes/audit";
import { authorize } from "@/services/auth/dal";
import { SESSION_COOKIE } from "@/services/auth/policy";
import { isCrossSite } from "@/services/auth/request";
import { endSession } from "@/services/auth/sessions";

/** Ends this session on the server, not only in the browser. */
export async function signOutAction(): Promise<void> {
  // Another site may not sign people out either.
  if (isCrossSite(await headers())) redirect("/admin");
  const ctx = await authorize("editor", { allowWithoutTwoFactor: true });
  const jar = await cookies();
  // Ended whoever it belongs to (also a session still owing its two-factor code).
  endSession(getDb(), jar.get(SESSION_COOKIE)?.value);
  if (!("error" in ctx)) {
    insertAuditEntry(getDb(), {
      at: Date.now(),
      actorType: "user",
      actorId: ctx.user.id,
      actorLabel: ctx.user.email,
      action: "auth.sign_out",
      ip: ctx.ip,
    });
  }
  jar.delete(SESSION_COOKIE);
  redirect("/login");
}
