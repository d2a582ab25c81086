"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { insertAuditEntry } from "@/db/writes/audit";
import { authorize } from "@/lib/auth/dal";
import { SESSION_COOKIE } from "@/lib/auth/policy";
import { endSession } from "@/lib/auth/sessions";

/** Ends this session on the server, not only in the browser. */
export async function signOutAction(): Promise<void> {
  const ctx = await authorize("editor", { allowWithoutTwoFactor: true });
  const jar = await cookies();
  if (!("error" in ctx)) {
    const db = getDb();
    endSession(db, jar.get(SESSION_COOKIE)?.value);
    insertAuditEntry(db, {
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
