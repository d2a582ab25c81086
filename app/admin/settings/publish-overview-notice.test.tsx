// A publish target failing for more than 5 minutes is on the console overview, with the reason.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordPublishFailure } from "@/db/writes/publish";
import { emptyPage } from "@/services/testing/scenario";
import { PublishOverviewNotice } from "./publish-overview-notice";

beforeAll(() => {
  process.env.PUBLISH_FOLDER = "/srv/status-copy";
});
afterAll(() => {
  delete process.env.PUBLISH_FOLDER;
});

describe("publishing on the console overview", () => {
  it("says nothing while publishing works or has failed only briefly, then names the target and the error", () => {
    const { db } = emptyPage();
    expect(renderToStaticMarkup(<PublishOverviewNotice db={db} />)).toBe("");
    const now = Date.now();
    recordPublishFailure(db, "folder", { startedAt: now - 60_000, at: now - 59_000, error: "ENOSPC: no space left" });
    expect(renderToStaticMarkup(<PublishOverviewNotice db={db} />)).toBe("");
    recordPublishFailure(db, "folder", { startedAt: now - 6 * 60_000, at: now, error: "ENOSPC: no space left" });
    db.$client.exec(`update publish_targets set failing_since = ${now - 6 * 60_000}`);
    const html = renderToStaticMarkup(<PublishOverviewNotice db={db} />);
    expect(html).toContain("The static copy is not being updated");
    expect(html).toContain("/srv/status-copy</span>: ENOSPC: no space left");
  });
});
