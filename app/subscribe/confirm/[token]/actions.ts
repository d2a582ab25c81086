"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { confirmAndGetManageToken } from "@/lib/subscriptions/manage";

// Authenticated by the single-use confirmation token from the email; a POST, so link scanners never confirm.
export async function confirmAction(token: string): Promise<void> {
  const manageToken = confirmAndGetManageToken(getDb(), token);
  redirect(manageToken ? `/manage/${manageToken}?confirmed=1` : `/subscribe/confirm/${encodeURIComponent(token)}?failed=1`);
}
