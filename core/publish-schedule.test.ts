import { describe, expect, it } from "vitest";
import { isPublishDue, retryPause, type PublishTargetState } from "./publish-schedule";

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
