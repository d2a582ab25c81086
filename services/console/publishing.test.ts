// The console's publishing section: configured targets with their status, a failure older than 5 minutes
// flagged, and "Publish now" for admins only, audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { findPublishTargetStatus } from "@/db/queries/publish";
import { recordPublishFailure, recordPublishSuccess } from "@/db/writes/publish";
import { addMember, emptyPage } from "@/services/testing/scenario";
import { publishingView, requestPublishNow } from "./publishing";

const T = Date.UTC(2026, 11, 1, 12);
beforeAll(() => {
  process.env.PUBLISH_FOLDER = "/srv/status-copy";
});
afterAll(() => {
  delete process.env.PUBLISH_FOLDER;
});

describe("the publishing section", () => {
  it("shows each target's last publish and a failure lasting over 5 minutes", () => {
    const { db } = emptyPage();
    expect(publishingView(db, T)).toMatchObject({
      configured: true,
      targets: [{ name: "folder", where: "/srv/status-copy", lastSuccessAt: null }],
    });
    recordPublishSuccess(db, "folder", { version: 3, startedAt: T, at: T + 1500, objectsChanged: 12 });
    recordPublishFailure(db, "folder", { startedAt: T + 60_000, at: T + 61_000, error: "EACCES: permission denied" });
    const view = publishingView(db, T + 60_000 + 5 * 60_000 + 1);
    expect(view).toMatchObject({
      targets: [
        {
          lastSuccessAt: T + 1500,
          lastDurationMs: 1500,
          lastObjectsChanged: 12,
          lastError: "EACCES: permission denied",
          failingSince: T + 60_000,
          alarming: true,
        },
      ],
    });
    recordPublishSuccess(db, "folder", { version: 4, startedAt: T + 120_000, at: T + 121_000, objectsChanged: 1 });
    expect(publishingView(db, T + 130_000)).toMatchObject({ targets: [{ lastError: null, alarming: false }] });
  });

  it("lets an admin ask for a publish now, audited, and refuses an editor", () => {
    const { db } = emptyPage();
    expect(() => requestPublishNow(db, addMember(db, "editor"), T)).toThrow();
    expect(requestPublishNow(db, addMember(db, "admin"), T)).toBe(1);
    expect(findPublishTargetStatus(db, "folder")!.requestedAt).toBe(T);
    expect(
      db
        .select()
        .from(auditLog)
        .all()
        .map((a) => a.action),
    ).toEqual(["publish.request"]);
  });
});
