import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { assets, pages } from "@/db/schema";
import { wantsPublishAlerts } from "@/db/queries/publish";
import { readPublicContentVersion } from "@/db/change-watcher";
import { actAs, installTestDatabase, makeUser, removeTestDatabase } from "@/services/testing/auth-harness";

const { saveSettingsAction, uploadLogoAction, removeLogoAction, publishAlertsAction } = await import("./actions");

let db: Db;
beforeEach(() => ({ db } = installTestDatabase()));
afterEach(() => removeTestDatabase());

const VALID = {
  name: "Acme IT",
  url: "https://status.acme.test",
  timeZone: "Europe/Berlin",
  accentColor: "#AA3300",
  supportUrl: "",
  footerText: "",
  aboutText: "We keep the lights on.",
  staleIncidentMinutes: "45",
};
function form(fields: Record<string, string | File>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}
const page = () => db.select().from(pages).get()!;
const png = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new File([bytes], "logo.png", { type: "image/png" });
};

describe("page settings", () => {
  it("are refused to nobody and to an editor", async () => {
    actAs(db, null);
    expect(await saveSettingsAction({}, form(VALID))).toMatchObject({
      ok: false,
      message: expect.stringContaining("Sign in again"),
    });
    actAs(db, makeUser(db, "editor"));
    expect(await saveSettingsAction({}, form(VALID))).toMatchObject({
      ok: false,
      message: expect.stringContaining("role does not allow"),
    });
    expect(await uploadLogoAction({}, form({ logo: png(100) }))).toMatchObject({ ok: false });
    expect(await removeLogoAction({}, form({}))).toMatchObject({ ok: false });
    expect(page().name).toBe("Test Page");
    expect(db.select().from(assets).all()).toHaveLength(0);
  });

  it("are saved by an admin, and the public page is told", async () => {
    actAs(db, makeUser(db, "admin"));
    const version = readPublicContentVersion(db);
    expect(await saveSettingsAction({}, form(VALID))).toMatchObject({ ok: true });
    expect(page()).toMatchObject({
      name: "Acme IT",
      timeZone: "Europe/Berlin",
      accentColor: "#aa3300",
      supportUrl: null,
      aboutText: "We keep the lights on.",
      staleIncidentMinutes: 45,
    });
    expect(readPublicContentVersion(db)).toBeGreaterThan(version);
  });

  it("refuse bad values field by field and change nothing", async () => {
    actAs(db, makeUser(db, "admin"));
    const state = await saveSettingsAction(
      {},
      form({
        name: "",
        url: "javascript:alert(1)",
        timeZone: "Mars/Olympus_Mons",
        accentColor: "red; background:url(x)",
        supportUrl: "not a url",
        footerText: "f".repeat(1001),
        aboutText: "ok",
        staleIncidentMinutes: "2",
      }),
    );
    expect(state.ok).toBe(false);
    expect(Object.keys(state.errors!).sort()).toEqual([
      "accentColor",
      "footerText",
      "name",
      "staleIncidentMinutes",
      "supportUrl",
      "timeZone",
      "url",
    ]);
    expect(state.errors!.staleIncidentMinutes).toEqual(["Choose from 5 to 1440 minutes (24 hours)."]);
    for (const bad of ["", "1.5", "sixty", "99999"]) {
      expect((await saveSettingsAction({}, form({ ...VALID, staleIncidentMinutes: bad }))).errors, bad).toHaveProperty(
        "staleIncidentMinutes",
      );
    }
    expect(state.errors!.timeZone).toEqual([
      "This is not a time zone we know. Choose one from the list, e.g. Europe/Berlin.",
    ]);
    expect(state.values).toMatchObject({ timeZone: "Mars/Olympus_Mons" });
    expect(page().name).toBe("Test Page");
  });

  it("store the page's default language, refusing one the page does not speak", async () => {
    actAs(db, makeUser(db, "admin"));
    expect(await saveSettingsAction({}, form({ ...VALID, defaultLocale: "de" }))).toMatchObject({ ok: true });
    expect(page().defaultLocale).toBe("de");
    for (const bad of ["xx", "pt-br", "DE", ""]) {
      const state = await saveSettingsAction({}, form({ ...VALID, defaultLocale: bad }));
      expect(state.errors, bad).toHaveProperty("defaultLocale");
    }
    expect(page().defaultLocale).toBe("de");
  });

  it("store a time zone under its canonical name", async () => {
    actAs(db, makeUser(db, "admin"));
    expect(await saveSettingsAction({}, form({ ...VALID, timeZone: "europe/berlin" }))).toMatchObject({ ok: true });
    expect(page().timeZone).toBe("Europe/Berlin");
  });
});

describe("the logo", () => {
  beforeEach(() => actAs(db, makeUser(db, "admin")));

  it("is stored, replaced and removed", async () => {
    expect(await uploadLogoAction({}, form({ logo: png(2000) }))).toMatchObject({
      ok: true,
      message: "Logo uploaded.",
    });
    const first = page().logoAssetId;
    expect(first).toBeTruthy();
    await uploadLogoAction(
      {},
      form({ logo: new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], "a.svg", { type: "image/svg+xml" }) }),
    );
    expect(db.select().from(assets).all()).toMatchObject([{ contentType: "image/svg+xml" }]);
    expect(await removeLogoAction({}, form({}))).toMatchObject({ ok: true });
    expect(page().logoAssetId).toBeNull();
    expect(db.select().from(assets).all()).toHaveLength(0);
  });

  it.each([
    ["too large", png(600 * 1024), "the limit is 512 KB"],
    ["the wrong type", new File(["GIF89a"], "a.png", { type: "image/png" }), "Upload a PNG, JPEG or SVG image."],
    [
      "an SVG with a script",
      new File(["<svg><script>alert(document.cookie)</script></svg>"], "a.svg", { type: "image/svg+xml" }),
      "a script",
    ],
    ["empty", new File([], "a.png"), "Choose an image file."],
  ])("is refused when %s", async (_what, file, message) => {
    const state = await uploadLogoAction({}, form({ logo: file }));
    expect(state.ok).toBe(false);
    expect(state.errors!.logo!.join(" ")).toContain(message);
    expect(db.select().from(assets).all()).toHaveLength(0);
    expect(page().logoAssetId).toBeNull();
  });
});

describe("the static copy's failure emails", () => {
  it("a member turns them on and off for themselves; an editor may not", async () => {
    const editor = makeUser(db, "editor");
    actAs(db, editor);
    expect(await publishAlertsAction({}, form({ on: "true" }))).toMatchObject({ ok: false });
    expect(wantsPublishAlerts(db, editor.id)).toBe(false);
    const admin = makeUser(db, "admin");
    actAs(db, admin);
    expect(await publishAlertsAction({}, form({ on: "maybe" }))).toMatchObject({ ok: false });
    expect(await publishAlertsAction({}, form({ on: "true" }))).toMatchObject({
      ok: true,
      message: expect.stringContaining("fails for more than 5 minutes"),
    });
    expect(wantsPublishAlerts(db, admin.id)).toBe(true);
    await publishAlertsAction({}, form({ on: "false" }));
    expect(wantsPublishAlerts(db, admin.id)).toBe(false);
  });
});
