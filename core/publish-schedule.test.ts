import { describe, expect, it } from "vitest";
import { FULL_EVERY_MS, isPublishDue, publishKind, retryPause, type PublishTargetState } from "./publish-schedule";

const T = Date.UTC(2026, 11, 1, 12);
const ok: PublishTargetState = {
  publishedVersion: 7,
  lastSuccessAt: T,
  lastAttemptAt: T,
  failingSince: null,
  requestedAt: null,
};

describe("when a target is published", () => {
  it("publishes a target never published, and one whose content version moved", () => {
    expect(isPublishDue(undefined, 7, T)).toBe(true);
    expect(isPublishDue(ok, 8, T + 1)).toBe(true);
  });

  it("waits while nothing changed, then republishes every minute for what time alone changes", () => {
    expect(isPublishDue(ok, 7, T + 59_999)).toBe(false);
    expect(isPublishDue(ok, 7, T + 60_000)).toBe(true);
  });

  it("honours Publish now at once", () => {
    expect(isPublishDue({ ...ok, requestedAt: T + 1 }, 7, T + 2)).toBe(true);
  });

  it("retries a failing target after a pause that doubles from 10 s up to 5 minutes", () => {
    const failing = { ...ok, failingSince: T, lastAttemptAt: T };
    expect(isPublishDue(failing, 8, T + 9_999)).toBe(false);
    expect(isPublishDue(failing, 8, T + 10_000)).toBe(true);
    expect(retryPause(T, T + 40_000)).toBe(40_000);
    expect(retryPause(T, T + 3_600_000)).toBe(300_000);
    expect(isPublishDue({ ...failing, requestedAt: T + 1 }, 8, T + 2)).toBe(true);
  });
});

describe("which publish runs (publishKind)", () => {
  const zone = "Europe/Berlin";
  const last = { at: T, version: 7 };
  it("runs the full site first, and whenever asked or retrying", () => {
    expect(publishKind(undefined, 7, T, undefined, zone)).toBe("full");
    expect(publishKind(ok, 7, T + 60_000, undefined, zone)).toBe("full");
    expect(publishKind({ ...ok, requestedAt: T + 1 }, 7, T + 2, last, zone)).toBe("full");
    expect(publishKind({ ...ok, failingSince: T, lastAttemptAt: T }, 7, T + 10_000, last, zone)).toBe("full");
    expect(publishKind({ ...ok, failingSince: T, lastAttemptAt: T }, 7, T + 9_999, last, zone)).toBeUndefined();
  });

  it("puts a change out first with a quick run, then follows it with a full one", () => {
    expect(publishKind(ok, 8, T + 5_000, last, zone)).toBe("quick");
    const afterQuick = { ...ok, publishedVersion: 8, lastSuccessAt: T + 6_000, lastAttemptAt: T + 5_000 };
    expect(publishKind(afterQuick, 8, T + 8_000, last, zone)).toBe("full");
  });

  it("with no change, runs only the time-dependent set each minute", () => {
    expect(publishKind(ok, 7, T + 59_999, last, zone)).toBeUndefined();
    expect(publishKind(ok, 7, T + 60_000, last, zone)).toBe("time");
    const minuteLater = { ...ok, lastSuccessAt: T + 30 * 60_000 };
    expect(publishKind(minuteLater, 7, T + 30 * 60_000 + 60_000, last, zone)).toBe("time");
  });

  it("runs the full site at most once an hour, and after local midnight in the page's zone", () => {
    const recent = (at: number) => ({ ...ok, lastSuccessAt: at - 60_000, lastAttemptAt: at - 60_000 });
    expect(publishKind(recent(T + FULL_EVERY_MS), 7, T + FULL_EVERY_MS, last, zone)).toBe("full");
    // 22:59:30 Berlin (21:59:30 UTC) fully published; 23:00:30 Berlin is the same day: the minute's run.
    const beforeMidnight = { at: Date.UTC(2026, 11, 1, 22, 59, 30), version: 7 };
    const sameDay = Date.UTC(2026, 11, 1, 21, 59, 30) + 60_000;
    expect(publishKind(recent(sameDay), 7, sameDay, { ...beforeMidnight, at: sameDay - 60_000 }, zone)).toBe("time");
    // 23:59:30 Berlin fully published; 00:00:30 Berlin is the next day there (still 23:00 UTC): full.
    const lateFull = { at: Date.UTC(2026, 11, 1, 22, 59, 30), version: 7 };
    const afterMidnight = lateFull.at + 60_000;
    expect(publishKind(recent(afterMidnight), 7, afterMidnight, lateFull, zone)).toBe("full");
    expect(publishKind(recent(afterMidnight), 7, afterMidnight, lateFull, "Etc/UTC")).toBe("time");
  });
});
