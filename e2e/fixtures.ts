// The fixture layer every spec builds on: the run's real database file (the server's), unique names so each
// test makes its own data, and signed-in members.
//
// Signed in:   test.use({ signedInAs: "owner" })   // or "admin" / "editor"; `page` then opens the console
//   "owner" is the seeded owner (OWNER below); "admin" and "editor" are fresh members made for the test.
//   `member` is who that is ({ id, email, password, role }).
// More people: `createMember("editor")` makes a member with a unique email and MEMBER_PASSWORD, through the
//   db write layer; `signInThroughForm(page, email, password)` signs in by the real form.
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { like, or } from "drizzle-orm";
import { openDatabase, type Db } from "@/db";
import type { UserRole } from "@/db/constants";
import { findUserByEmail } from "@/db/queries/users";
import { pages, rateLimits } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import { SESSION_COOKIE } from "@/services/auth/policy";
import { createSession } from "@/services/auth/sessions";
import { hashPassword } from "@/services/password";

/** The first owner, created by the server's start from playwright.config.ts's ADMIN_EMAIL/ADMIN_PASSWORD. */
export const OWNER = { email: "owner@example.com", password: "e2e-owner-password-1" } as const;
/** The password of every member createMember() makes. */
export const MEMBER_PASSWORD = "e2e-member-password-1";

export interface Member {
  id: string;
  email: string;
  password: string;
  role: UserRole;
}

export interface Fixtures {
  /** Runs before every test: see forgetSignUpLimits. */
  freshVisitor: void;
  /** A unique label, e.g. `unique("Service")` -> "Service 3-mifz7-1". */
  unique: (label: string) => string;
  /** Saves a full-page screenshot under e2e/.artifacts/ for people to look at. */
  snapshot: (page: Page, name: string) => Promise<void>;
  /** Option: sign the test's browser context in as this role before the test (null: signed out). */
  signedInAs: UserRole | null;
  /** The member `page` is signed in as, when signedInAs is set. */
  member: Member | null;
  /** Makes a member of a role with a unique email and MEMBER_PASSWORD. */
  createMember: (role: UserRole) => Member;
}

export interface WorkerFixtures {
  /** The same SQLite file the server under test uses (WAL mode allows both). */
  db: Db;
  pageId: string;
  /** scrypt of MEMBER_PASSWORD, computed once per worker (it takes about half a second). */
  memberPasswordHash: string;
}

export const ARTIFACTS = path.resolve("e2e", ".artifacts");

export const test = base.extend<Fixtures, WorkerFixtures>({
  db: [
    async ({}, use) => {
      const file = process.env.E2E_DATABASE_PATH;
      if (!file) throw new Error("E2E_DATABASE_PATH is not set; run the tests through playwright.config.ts");
      const db = openDatabase(file);
      await use(db);
      db.$client.close();
    },
    { scope: "worker" },
  ],
  pageId: [async ({ db }, use) => use(db.select({ id: pages.id }).from(pages).get()!.id), { scope: "worker" }],
  memberPasswordHash: [async ({}, use) => use(await hashPassword(MEMBER_PASSWORD)), { scope: "worker" }],
  createMember: async ({ db, memberPasswordHash }, use, testInfo) => {
    let n = 0;
    await use((role) => {
      const email = `${role}-${testInfo.workerIndex}-${Date.now().toString(36)}-${++n}@example.com`;
      const id = insertUser(db, {
        email,
        name: `Test ${role}`,
        passwordHash: memberPasswordHash,
        role,
        at: Date.now(),
      });
      return { id, email, password: MEMBER_PASSWORD, role };
    });
  },
  // Every browser of the run posts from 127.0.0.1, so each test is a new visitor to the per-address sign-up
  // limits (their own tests are unit tests: services/subscriptions, services/webhooks).
  freshVisitor: [
    async ({ db }, use) => {
      forgetSignUpLimits(db);
      await use();
    },
    { auto: true },
  ],
  signedInAs: [null, { option: true }],
  member: async ({ db, signedInAs, createMember }, use) => {
    if (!signedInAs) return use(null);
    if (signedInAs === "owner") {
      const owner = findUserByEmail(db, OWNER.email);
      if (!owner) throw new Error(`The seeded owner ${OWNER.email} is missing`);
      return use({ id: owner.id, email: owner.email, password: OWNER.password, role: "owner" });
    }
    await use(createMember(signedInAs));
  },
  // A session written straight into the database (as the sign-in would), its token put in the cookie.
  context: async ({ context, db, member, baseURL }, use) => {
    if (member) {
      const { token } = createSession(db, { userId: member.id, pendingTwoFactor: false, now: Date.now() });
      await context.addCookies([
        { name: SESSION_COOKIE, value: token, url: baseURL!, httpOnly: true, sameSite: "Lax" },
      ]);
    }
    await use(context);
  },
  unique: async ({}, use, testInfo) => {
    let n = 0;
    await use((label) => `${label} ${testInfo.workerIndex}-${Date.now().toString(36)}-${++n}`);
  },
  snapshot: async ({}, use) => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await use(async (page, name) => {
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    });
  },
});

/** Signs in through the real form and waits for the console. */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Password hashing is deliberately slow; give it time on a busy machine.
  await expect(page).toHaveURL(/\/admin$/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Console", exact: true })).toBeVisible();
}

/** The outcome region of a console form (Next's own route announcer is an alert too). */
export function formStatus(page: Page) {
  return page.locator("[data-form-status]");
}

export { expect };

/**
 * Every browser in the run posts from 127.0.0.1, and the public sign-up forms allow a few sign-ups an hour
 * per address and overall (services/subscriptions/subscribe.ts, services/webhooks/register.ts): forget those counts.
 */
export function forgetSignUpLimits(db: Db): void {
  db.delete(rateLimits)
    .where(
      or(
        like(rateLimits.key, "webhook:%"),
        like(rateLimits.key, "subscribe:ip:%"),
        like(rateLimits.key, "subscribe:confirmations"),
        like(rateLimits.key, "report:%"),
      ),
    )
    .run();
}
