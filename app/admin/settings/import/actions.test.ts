// Settings -> Import: admins only; the preview writes nothing and never echoes the key; the confirmation
// writes the previewed page once; a private address is refused by the SSRF guard before anything is read.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { count, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { components, notifications, subscribers } from "@/db/schema";
import { actAs, formOf, installTestDatabase, makeUser, removeTestDatabase } from "@/services/testing/auth-harness";
import { startFakeStatuspage, type FakeStatuspage } from "@/services/testing/fake-statuspage";
import { resetConfigForTests } from "@/core/config";

const { previewImportAction, confirmImportAction } = await import("./actions");

let db: Db;
let fake: FakeStatuspage;
beforeAll(async () => {
  fake = await startFakeStatuspage({ port: 3181, incidents: 5, maintenances: 1, subscribers: 30 });
});
afterAll(() => fake.close());
beforeEach(() => {
  ({ db } = installTestDatabase());
  process.env.STATUSPAGE_API_URL = fake.apiUrl;
  resetConfigForTests();
});
afterEach(() => {
  delete process.env.STATUSPAGE_API_URL;
  removeTestDatabase();
});
const rows = (t: typeof components | typeof subscribers | typeof notifications) =>
  db.select({ n: count() }).from(t).get()!.n;

describe("Settings -> Import", { timeout: 60_000 }, () => {
  it("is refused to an editor", async () => {
    actAs(db, makeUser(db, "editor"));
    expect(await previewImportAction({}, formOf({ fromUrl: fake.publicUrl }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("role does not allow"),
    });
  });

  it("previews, then imports once; the key is never sent back", async () => {
    actAs(db, makeUser(db, "admin"));
    const before = rows(components);
    const preview = await previewImportAction({}, formOf({ pageId: fake.pageId, apiToken: fake.apiKey }));
    expect(preview.ok, preview.message).toBe(true);
    expect(String(preview.reveal?.preview)).toContain("services: 12 to create");
    expect(JSON.stringify(preview)).not.toContain(fake.apiKey);
    expect(rows(components)).toBe(before);
    const token = String(preview.reveal?.previewToken);
    const done = await confirmImportAction({}, formOf({ previewToken: token }));
    expect(done).toMatchObject({ ok: true, message: expect.stringContaining("nobody was notified") });
    expect(rows(components)).toBe(before + 12);
    expect(rows(notifications)).toBe(0);
    expect(await confirmImportAction({}, formOf({ previewToken: token }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("expired or was already imported"),
    });
  });

  it("lists what is gone at the source; removes it only when the checkbox is ticked", async () => {
    actAs(db, makeUser(db, "admin"));
    const importOnce = async (prune?: "on") => {
      const preview = await previewImportAction({}, formOf({ pageId: fake.pageId, apiToken: fake.apiKey }));
      expect(preview.ok, preview.message).toBe(true);
      const done = await confirmImportAction(
        {},
        formOf({ previewToken: String(preview.reveal?.previewToken), ...(prune ? { prune } : {}) }),
      );
      expect(done.ok, done.message).not.toBe(false);
      return String(preview.reveal?.preview);
    };
    await importOnce();
    const index = fake.data.components.findIndex((c) => c.name === "Wi-Fi");
    const [gone] = fake.data.components.splice(index, 1);
    try {
      const live = () => db.select().from(components).where(isNull(components.deletedAt)).all().length;
      expect(await importOnce()).toContain("Gone at the source (1), kept here unless you tick");
      expect(live()).toBe(12);
      await importOnce("on");
      expect(live()).toBe(11);
    } finally {
      fake.data.components.splice(index, 0, gone);
    }
  });

  it("explains a wrong key and missing fields per field", async () => {
    actAs(db, makeUser(db, "admin"));
    const wrong = await previewImportAction({}, formOf({ pageId: fake.pageId, apiToken: "nope" }));
    expect(wrong.errors?.pageId?.[0]).toContain("Statuspage refused the API key");
    expect(JSON.stringify(wrong)).not.toContain("nope");
    const empty = await previewImportAction({}, formOf({ pageId: "" }));
    expect(empty.errors?.pageId?.[0]).toBe("Give the page id and API key, or the address of a public page.");
  });

  it("refuses a public URL that points to a private address (no request is made)", async () => {
    actAs(db, makeUser(db, "admin"));
    const before = fake.requests().length;
    const refused = await previewImportAction({}, formOf({ fromUrl: fake.publicUrl }));
    expect(refused.errors?.fromUrl?.[0]).toContain("private, local or reserved network address");
    expect(fake.requests().length).toBe(before);
  });
});
