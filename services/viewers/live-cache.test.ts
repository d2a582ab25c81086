// The in-process cache of live viewer sessions and tokens (the internal page's speed, issue #15): a cached
// session costs no query, yet it still ends exactly at its idle and absolute limits, sign-out and revocation in
// this process take effect on the next request, another process's revocation within the TTL, the cache never
// grows past its bound, and wrong cookies or tokens never fill it.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryCounter } from "@/db";
import { pages, viewerSessions } from "@/db/schema";
import { revokeViewerToken } from "@/db/writes/viewers";
import { addMember, emptyPage, T0 } from "@/services/testing/scenario";
import { DAY, HOUR, MINUTE } from "@/core/time";
import { resolveAudience } from "./access";
import { LiveCache, viewerCaches, type CachedSession } from "./live-cache";
import { VIEWER_ABSOLUTE_TIMEOUT, VIEWER_CACHE_LIMITS, VIEWER_IDLE_TIMEOUT } from "./policy";
import { createViewerSession, endViewerSession, lookupViewerSession } from "./sessions";
import { checkViewerToken, createViewerToken, revokeToken } from "./tokens";

const TTL = VIEWER_CACHE_LIMITS.ttlMs;

function page() {
  const { db } = emptyPage();
  db.update(pages).set({ visibility: "mixed" }).run();
  return db;
}

const queriesOf = (run: () => void) => {
  const before = queryCounter.count;
  run();
  return queryCounter.count - before;
};

describe("viewer session cache", () => {
  it("a cached session costs no query within the TTL, and is read again after it", () => {
    const db = page();
    const { token } = createViewerSession(db, { email: "ann@example.com", method: "email", now: T0 });
    expect(queriesOf(() => expect(lookupViewerSession(db, token, T0 + 1)).not.toBeNull())).toBe(1);
    expect(queriesOf(() => expect(lookupViewerSession(db, token, T0 + 2)).not.toBeNull())).toBe(0);
    expect(queriesOf(() => resolveAudience(db, { session: token }, T0 + 3))).toBe(1); // the page row only
    expect(queriesOf(() => lookupViewerSession(db, token, T0 + 1 + TTL))).toBe(1);
  });

  it("never keeps the token itself, only its hash", () => {
    const db = page();
    const { token } = createViewerSession(db, { email: "ann@example.com", method: "email", now: T0 });
    lookupViewerSession(db, token, T0 + 1);
    expect(
      viewerCaches()
        .sessions.keys()
        .some((k) => k.includes(token)),
    ).toBe(false);
  });

  it("a cached session still ends exactly at its idle and absolute limits, however long the cache holds it", () => {
    const db = page();
    // A cache that would hold an entry for a day: the row's own limits must decide, not the TTL.
    const sessions = new LiveCache<CachedSession>(100, DAY);
    const idle = createViewerSession(db, { email: "ann@example.com", method: "email", now: T0 });
    expect(lookupViewerSession(db, idle.token, T0 + 1, sessions)).not.toBeNull();
    expect(lookupViewerSession(db, idle.token, T0 + VIEWER_IDLE_TIMEOUT - 1, sessions)).not.toBeNull();
    const busy = createViewerSession(db, { email: "bob@example.com", method: "email", now: T0 });
    // Used every few hours: each use moves its last-seen time on, in the row and in the cached copy.
    for (let at = T0 + 4 * HOUR; at < T0 + VIEWER_ABSOLUTE_TIMEOUT; at += 4 * HOUR)
      expect(lookupViewerSession(db, busy.token, at, sessions)).not.toBeNull();
    expect(lookupViewerSession(db, busy.token, T0 + VIEWER_ABSOLUTE_TIMEOUT - 1, sessions)).not.toBeNull();
    expect(lookupViewerSession(db, busy.token, T0 + VIEWER_ABSOLUTE_TIMEOUT, sessions)).toBeNull();
    const quiet = createViewerSession(db, { email: "cat@example.com", method: "email", now: T0 });
    expect(lookupViewerSession(db, quiet.token, T0 + MINUTE / 2, sessions)).not.toBeNull();
    expect(lookupViewerSession(db, quiet.token, T0 + VIEWER_IDLE_TIMEOUT, sessions)).toBeNull();
    // An ended session is deleted on sight, in the database and in the cache.
    expect(db.select().from(viewerSessions).where(eq(viewerSessions.email, "cat@example.com")).all()).toEqual([]);
    expect(sessions.size).toBe(1);
  });

  it("sign-out in this process takes effect on the very next request", () => {
    const db = page();
    const { token } = createViewerSession(db, { email: "ann@example.com", method: "email", now: T0 });
    expect(lookupViewerSession(db, token, T0 + 1)).not.toBeNull();
    endViewerSession(db, token);
    expect(lookupViewerSession(db, token, T0 + 2)).toBeNull();
  });

  it("a session deleted by another process stops within the TTL", () => {
    const db = page();
    const { token } = createViewerSession(db, { email: "ann@example.com", method: "email", now: T0 });
    expect(lookupViewerSession(db, token, T0 + 1)).not.toBeNull();
    db.delete(viewerSessions).run(); // another process's sign-out: this process's cache is not told
    expect(lookupViewerSession(db, token, T0 + 1 + TTL)).toBeNull();
  });

  it("never grows past its bound, dropping the least recently used", () => {
    const cache = new LiveCache<number>(3, TTL);
    for (const [i, key] of ["a", "b", "c"].entries()) cache.set(key, i, T0);
    expect(cache.get("a", T0 + 1)).toBe(0); // a is now the most recently used
    cache.set("d", 3, T0 + 2);
    expect(cache.size).toBe(3);
    expect(cache.get("b", T0 + 3)).toBeUndefined();
    expect(cache.get("a", T0 + 3)).toBe(0);
    // The shared caches have their bound too.
    const db = page();
    const { sessions } = viewerCaches();
    for (let i = 0; i < VIEWER_CACHE_LIMITS.sessions + 20; i++) {
      const { token } = createViewerSession(db, { email: `v${i}@example.com`, method: "email", now: T0 });
      lookupViewerSession(db, token, T0 + 1);
    }
    expect(sessions.size).toBe(VIEWER_CACHE_LIMITS.sessions);
  });

  it("wrong cookies and tokens never fill it", () => {
    const db = page();
    const { sessions, tokens } = viewerCaches();
    sessions.clear();
    tokens.clear();
    for (let i = 0; i < 500; i++) {
      expect(lookupViewerSession(db, `made-up-${i}`, T0 + 1)).toBeNull();
      expect(checkViewerToken(db, `spv_made-up-${i}`, T0 + 1)).toBeNull();
    }
    expect(sessions.size).toBe(0);
    expect(tokens.size).toBe(0);
  });
});

describe("viewer token cache", () => {
  it("a cached token costs no query; revoking it in this process stops it on the next request", () => {
    const db = page();
    const admin = addMember(db, "admin");
    const { id, token } = createViewerToken(db, admin, { name: "Dashboard" }, T0);
    expect(checkViewerToken(db, token, T0 + 1)).toEqual({ id, name: "Dashboard" });
    expect(queriesOf(() => expect(checkViewerToken(db, token, T0 + 2)).not.toBeNull())).toBe(0);
    revokeToken(db, admin, id, T0 + 3);
    expect(checkViewerToken(db, token, T0 + 4)).toBeNull();
  });

  it("a token revoked by another process stops within the TTL", () => {
    const db = page();
    const { id, token } = createViewerToken(db, addMember(db, "admin"), { name: "Wall screen" }, T0);
    expect(checkViewerToken(db, token, T0 + 1)).not.toBeNull();
    revokeViewerToken(db, id, T0 + 2); // straight to the database, as another process's console would
    expect(checkViewerToken(db, token, T0 + 1 + TTL)).toBeNull();
  });
});
