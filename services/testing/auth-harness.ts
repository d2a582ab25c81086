// Helpers for tests that call Server Actions and route handlers as a given member, or as nobody.
import type { Db } from "@/db";
import { openDatabase } from "@/db";
import type { UserRole } from "@/db/constants";
import { pages } from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { insertUser } from "@/db/writes/users";
import { SESSION_COOKIE } from "@/services/auth/policy";
import { createSession } from "@/services/auth/sessions";
import { fakeRequest, resetFakeRequest } from "./next-headers-mock";

const holder = globalThis as typeof globalThis & { __statusDb?: Db };

/** A fresh in-memory database with a page, installed as this process's getDb(). */
export function installTestDatabase(now = Date.now()): { db: Db; pageId: string } {
  const db = openDatabase(":memory:");
  ensurePage(db, { name: "Test Page", timeZone: "Etc/UTC", at: now });
  holder.__statusDb = db;
  resetFakeRequest();
  return { db, pageId: db.select({ id: pages.id }).from(pages).get()!.id };
}

export function removeTestDatabase(): void {
  holder.__statusDb?.$client.close();
  holder.__statusDb = undefined;
}

let counter = 0;
/** A member of the given role. The password hash is a placeholder: these users never sign in by password. */
export function makeUser(db: Db, role: UserRole, now = Date.now()): { id: string; email: string } {
  const email = `${role}-${++counter}-${now}@example.test`;
  return { id: insertUser(db, { email, passwordHash: "unusable", role, at: now }), email };
}

/** Makes the fake request carry a live session of this user (or none). */
export function actAs(db: Db, user: { id: string } | null, now = Date.now()): void {
  fakeRequest.cookies.clear();
  if (!user) return;
  const { token } = createSession(db, { userId: user.id, pendingTwoFactor: false, now });
  fakeRequest.cookies.set(SESSION_COOKIE, token);
}

export { fakeRequest };

/** FormData from plain fields; an array gives a repeated field (checkboxes). */
export function formOf(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
  return data;
}

export type ActionState = {
  ok?: boolean;
  message?: string;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
};

/** Runs a Server Action that may redirect on success: the redirect target, or the state it returned. */
export async function runAction(
  action: (s: object, f: FormData) => Promise<unknown>,
  fields: Record<string, string | string[]>,
): Promise<{ state?: ActionState; redirect?: string }> {
  try {
    return { state: (await action({}, formOf(fields))) as ActionState };
  } catch (err) {
    const digest = (err as { digest?: string }).digest;
    if (digest?.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw err;
  }
}
