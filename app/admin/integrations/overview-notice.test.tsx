// The console overview lists firing alerts at the top, like failing monitors: which integration, which
// service, since when, and a link to the integration's page. Real SQLite file, real intake.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { findIntegration } from "@/db/queries/integrations";
import { receivePayload, resetIntakeLimitsForTests } from "@/services/integrations/intake";
import { formatInZone } from "@/services/console/incident-display";
import { createIntegration } from "@/services/integrations/verbs";
import { useFreshAppDatabase } from "@/services/testing/app-env";
import type { World } from "@/services/testing/notification-fixtures";
import { addComponent, addMember } from "@/services/testing/scenario";
import { AlertOverviewNotice } from "./overview-notice";

let world: World;
beforeEach(() => {
  world = useFreshAppDatabase();
  resetIntakeLimitsForTests();
});
afterAll(() => closeDb());

async function fire(id: string, alert: Record<string, unknown>, at: number) {
  const integration = findIntegration(world.db, id)!;
  const result = await receivePayload(world.db, integration, alert, JSON.stringify(alert), at);
  expect(result.ok).toBe(true);
}

describe("firing alerts on the console overview", () => {
  it("shows nothing while no alert fires", () => {
    expect(renderToStaticMarkup(<AlertOverviewNotice db={world.db} zone="Etc/UTC" />)).toBe("");
  });

  it("lists each firing alert with its integration, service, since when and a link; a resolved one leaves", async () => {
    const owner = addMember(world.db, "owner");
    addComponent(world.db, world.pageId, "Mail");
    const { id } = createIntegration(world.db, owner, { name: "Prod Alertmanager", kind: "generic" });
    const since = Date.UTC(2026, 10, 23, 15, 6);
    await fire(
      id,
      { service: "Mail", state: "firing", severity: "critical", summary: "SMTP down", fingerprint: "smtp" },
      since,
    );
    const html = renderToStaticMarkup(<AlertOverviewNotice db={world.db} zone="Etc/UTC" />);
    expect(html).toContain("1 alert is firing");
    expect(html).toContain(`href="/admin/integrations/${id}"`);
    expect(html).toContain("Prod Alertmanager");
    expect(html).toContain("Mail");
    expect(html).toContain("SMTP down");
    expect(html).toContain(`since ${formatInZone(since, "Etc/UTC")}`);
    await fire(id, { service: "Mail", state: "resolved", fingerprint: "smtp" }, since + 60_000);
    expect(renderToStaticMarkup(<AlertOverviewNotice db={world.db} zone="Etc/UTC" />)).toBe("");
  });
});
