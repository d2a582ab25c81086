// Expired sessions leave the database on a schedule, not only when their cookie comes back: the runner,
// driven by an injected clock, purges them (at most once an hour) and keeps the live ones.
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { sessions } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import { SESSION_ABSOLUTE_TIMEOUT, SESSION_IDLE_TIMEOUT } from "@/services/auth/policy";
import { createSession } from "@/services/auth/sessions";
import { hashToken } from "@/services/auth/tokens";
import { emptyPage } from "@/services/testing/scenario";
import { HOUR, MINUTE } from "@/core/time";
import { SCHEDULED_JOBS } from "./background";
import { startJobRunner } from "./runner";

let db: Db;
afterEach(() => db?.$client.close());

const T = Date.UTC(2026, 10, 23, 12);
const liveTokens = () =>
  db
    .select({ h: sessions.tokenHash })
    .from(sessions)
    .all()
    .map((r) => r.h);

describe("the session purge", () => {
  it("runs in the scheduled jobs and removes idle and expired sessions, keeping live ones", async () => {
    ({ db } = emptyPage());
    const userId = insertUser(db, { email: "sam@example.org", passwordHash: "x", role: "editor", at: T });
    const idle = createSession(db, { userId, pendingTwoFactor: false, now: T });
    const pending = createSession(db, { userId, pendingTwoFactor: true, now: T });
    let clock = T + SESSION_IDLE_TIMEOUT + MINUTE;
    const fresh = createSession(db, { userId, pendingTwoFactor: false, now: clock - MINUTE });

    const runner = startJobRunner({
      getDb: () => db,
      jobs: SCHEDULED_JOBS,
      intervalMs: 3_600_000,
      now: () => clock,
      log: () => {},
    });
    await runner.tickNow();
    expect(liveTokens()).toEqual([hashToken(fresh.token)]);
    expect(liveTokens()).not.toContain(hashToken(idle.token));
    expect(liveTokens()).not.toContain(hashToken(pending.token));

    // Past its absolute expiry a busy session goes too, on the next run an hour later.
    clock = fresh.expiresAt + HOUR;
    db.update(sessions)
      .set({ lastSeenAt: clock - MINUTE })
      .run();
    await runner.tickNow();
    await runner.stop();
    expect(liveTokens()).toEqual([]);
  });

  it("runs at most once an hour", async () => {
    ({ db } = emptyPage());
    const { runSessionPurge } = await import("./session-purge");
    const userId = insertUser(db, { email: "kim@example.org", passwordHash: "x", role: "editor", at: T });
    expect(runSessionPurge(db, T)).toBe(0);
    createSession(db, { userId, pendingTwoFactor: false, now: T - SESSION_ABSOLUTE_TIMEOUT });
    expect(runSessionPurge(db, T + 30 * MINUTE)).toBe(0);
    expect(runSessionPurge(db, T + HOUR)).toBe(1);
  });
});
