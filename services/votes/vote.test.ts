// Votes: one per update per voter and changeable, a subscriber known by their signed link, a replayed link
// changing nothing, a deleted update refused, comments only with a No, the limit per client address.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { updateVotes } from "@/db/schema";
import { scoresForIncident } from "@/db/queries/update-votes";
import { ensureAppSecret } from "@/db/writes/page";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import { MINUTE } from "@/core/time";
import { makeWorld, type World } from "@/services/testing/notification-fixtures";
import { addIncidentUpdate, createIncident, deleteIncidentUpdate } from "@/services/incidents/incident-verbs";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { castVote, VOTE_LIMITS } from "./vote";

const now = Date.UTC(2026, 10, 23, 15);
const system = { type: "system" as const, label: "automation" as const };
const COOKIE = "visitor-cookie-value-1234";
let world: World;
let db: Db;
let incidentId: string;
let updateId: string;
beforeEach(() => {
  world = makeWorld();
  db = world.db;
  ({ id: incidentId, updateId } = createIncident(
    db,
    system,
    { name: "Mail slow", status: "investigating", message: "Looking", notify: false },
    now - MINUTE,
  ));
});
afterEach(() => db.$client.close());

const votes = () => db.select().from(updateVotes).all();

describe("castVote", () => {
  it("keeps one vote per visitor, changeable, with the comment only on a No", () => {
    const visitor = { visitorCookie: COOKIE };
    expect(castVote(db, updateId, visitor, { helpful: "no", comment: "Which mailboxes?" }, "a", now)).toEqual({
      status: "recorded",
      helpful: false,
    });
    expect(
      castVote(db, updateId, { visitorCookie: "another-visitor-cookie-1" }, { helpful: "yes" }, "b", now).status,
    ).toBe("recorded");
    expect(scoresForIncident(db, incidentId).get(updateId)).toEqual({
      yes: 1,
      no: 1,
      comments: [{ comment: "Which mailboxes?", at: now }],
    });
    castVote(db, updateId, visitor, { helpful: "yes", comment: "ignored" }, "a", now + 1);
    expect(scoresForIncident(db, incidentId).get(updateId)).toEqual({ yes: 2, no: 0, comments: [] });
    expect(votes()).toHaveLength(2);
  });

  it("knows a subscriber by the signed link; a replayed link changes nothing, a forged one is refused", () => {
    const id = insertEmailSubscriber(db, { pageId: world.pageId, email: "r@example.com", at: now, state: "active" });
    const token = signSubscriberToken(ensureAppSecret(db, now), "vote", id, 1);
    const voter = { subscriberToken: token };
    castVote(db, updateId, voter, { helpful: "no", comment: "Too vague" }, "a", now);
    castVote(db, updateId, voter, { helpful: "no" }, "a", now + 1); // the same link again, no comment
    expect(votes()).toMatchObject([{ voterKey: `s:${id}`, helpful: false, comment: "Too vague" }]);
    const manage = signSubscriberToken(ensureAppSecret(db, now), "manage", id, 1);
    expect(castVote(db, updateId, { subscriberToken: manage }, { helpful: "yes" }, "a", now)).toEqual({
      status: "bad-link",
    });
    expect(
      castVote(db, updateId, { subscriberToken: `${id}.${"x".repeat(32)}` }, { helpful: "yes" }, "a", now),
    ).toEqual({
      status: "bad-link",
    });
    expect(votes()).toHaveLength(1);
  });

  it("refuses a vote on a deleted update, and on an update that never was", () => {
    const { updateId: second } = addIncidentUpdate(
      db,
      system,
      incidentId,
      { status: "identified", message: "Found", notify: false },
      now,
    );
    deleteIncidentUpdate(db, system, second, now + 1);
    expect(castVote(db, second, { visitorCookie: COOKIE }, { helpful: "yes" }, "a", now + 2)).toEqual({
      status: "not-found",
    });
    expect(castVote(db, "zzzzzzzzzzzz", { visitorCookie: COOKIE }, { helpful: "yes" }, "a", now)).toEqual({
      status: "not-found",
    });
    expect(castVote(db, "../x", { visitorCookie: COOKIE }, { helpful: "yes" }, "a", now)).toEqual({
      status: "not-found",
    });
    expect(votes()).toEqual([]);
  });

  it.each<[string, Record<string, string>, string]>([
    ["no choice", { helpful: "" }, "choose"],
    ["too long a comment", { helpful: "no", comment: "x".repeat(501) }, "comment-too-long"],
    ["a control character", { helpful: "no", comment: "a\u0000b" }, "U+0000"],
  ])("refuses %s", (_n, raw, message) => {
    const result = castVote(db, updateId, { visitorCookie: COOKIE }, raw as never, "a", now);
    expect(result.status).toBe("invalid");
    if (result.status === "invalid") expect(Object.values(result.errors).flat().join(" ")).toContain(message);
    expect(votes()).toEqual([]);
  });

  it("limits one client address per hour", () => {
    for (let i = 0; i < VOTE_LIMITS.perAddressPerHour; i++)
      expect(
        castVote(db, updateId, { visitorCookie: `cookie-number-${1000 + i}` }, { helpful: "yes" }, "x", now).status,
      ).toBe("recorded");
    expect(castVote(db, updateId, { visitorCookie: COOKIE }, { helpful: "yes" }, "x", now)).toEqual({
      status: "too-many",
    });
  });
});
