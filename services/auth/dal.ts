// The data-access layer's door: every console page, Server Action and route handler asks here who is
// signed in and whether they may go on. proxy.ts only makes the redirect to /login quicker; it is not a guard.
import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getThePage } from "@/db/queries/settings";
import type { UserRole } from "@/db/constants";
import { getConfig } from "@/core/config";
import { SESSION_COOKIE } from "./policy";
import { clientAddress, isCrossSite } from "./request";
import { hasRole } from "./roles";
import { lookupSession, type SessionLookup, type SessionUser } from "./sessions";

/** This request's session (including one still owing a two-factor code), looked up once per request. */
export const getSession = cache(async (): Promise<SessionLookup | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return lookupSession(getDb(), token, Date.now());
});

/** The fully signed-in member, or null. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getSession();
  return session && !session.pendingTwoFactor ? session.user : null;
}

/** Whether this member must set up two-factor sign-in before doing anything else (an owner requires it). */
export function owesTwoFactorSetup(user: SessionUser): boolean {
  return !user.totpEnabledAt && getThePage(getDb()).requireTwoFactor;
}

interface Options {
  /** The pages and actions that set two-factor up stay usable while it is owed. */
  allowWithoutTwoFactor?: boolean;
}

/**
 * For pages: the member, if they have at least `role`; signed-out visitors go to /login, others get 403,
 * and members who owe a two-factor setup go to their account page.
 */
export async function requireUser(role: UserRole = "editor", options: Options = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, role)) forbidden();
  if (!options.allowWithoutTwoFactor && owesTwoFactorSetup(user)) redirect("/admin/account");
  return user;
}

export interface ActionContext {
  user: SessionUser;
  tokenHash: string;
  ip: string | null;
}

/**
 * For Server Actions and route handlers: who is acting, or why they may not. Returns instead of throwing so
 * forms can say what happened; the caller must stop on `error`.
 */
export async function authorize(
  role: UserRole,
  options: Options = {},
): Promise<ActionContext | { error: string; status: 401 | 403 }> {
  const h = await headers();
  if (isCrossSite(h)) return { error: "This request came from another site and was refused.", status: 403 };
  const session = await getSession();
  if (!session || session.pendingTwoFactor) {
    return { error: "Your session has ended. Sign in again to continue.", status: 401 };
  }
  if (!hasRole(session.user.role, role)) {
    return { error: "Your role does not allow this. Ask an owner if you need it.", status: 403 };
  }
  if (!options.allowWithoutTwoFactor && owesTwoFactorSetup(session.user)) {
    return { error: "Set up two-factor sign-in on your account page first: an owner requires it.", status: 403 };
  }
  return { user: session.user, tokenHash: session.tokenHash, ip: clientAddress(h) };
}

/** Cookie options for the session token. */
export function sessionCookieOptions(expiresAt: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: getConfig().publicUrl.startsWith("https:"),
    path: "/",
    expires: new Date(expiresAt),
  };
}
