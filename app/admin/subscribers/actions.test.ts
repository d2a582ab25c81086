// The Subscribers actions and the CSV export route, called directly as each role and as nobody.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { getEmailSubscriberByAddress } from "@/db/queries/subscribers";
import { subscribers } from "@/db/schema";
import { insertComponent } from "@/db/writes/components";
import { insertEmailSubscriber } from "@/db/writes/subscribers";
import type { UserRole } from "@/db/constants";
import { actAs, fakeRequest, installTestDatabase, makeUser, removeTestDatabase } from "@/services/testing/auth-harness";
import type { ImportState } from "./import-state";

const actions = await import("./actions");
const exportRoute = await import("./export.csv/route");

let db: Db;
let pageId: string;
let vpn: string;
beforeEach(() => {
  ({ db, pageId } = installTestDatabase());
  vpn = insertComponent(db, { pageId, name: "VPN", at: Date.now(), actor: { source: "manual" } });
});
afterEach(() => removeTestDatabase());

function form(fields: Record<string, string | string[] | Blob>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) v.forEach((one) => data.append(k, one));
    else data.set(k, v);
  }
  return data;
}
const csvFile = (text: string) => new File([text], "list.csv", { type: "text/csv" });

type Action = (s: object, f: FormData) => Promise<unknown>;
/** Runs an action that redirects on success; returns the redirect target or the state it returned. */
async function run(action: Action, fields: Record<string, string | string[] | Blob>) {
  try {
    return { state: (await action({}, form(fields))) as ImportState };
  } catch (err) {
    const digest = (err as { digest?: string }).digest;
    if (digest?.startsWith("NEXT_REDIRECT")) return { redirect: decodeURIComponent(digest.split(";")[2]) };
    throw err;
  }
}
const count = () => db.select().from(subscribers).all().length;
const exportCsv = () => exportRoute.GET(new Request("http://status.test/admin/subscribers/export.csv"));

describe("who may manage subscribers from the console", () => {
  it("refuses nobody and editors everything, changing nothing", async () => {
    const id = insertEmailSubscriber(db, { pageId, email: "keep@example.org", state: "active", at: Date.now() });
    for (const who of [null, "editor"] as const) {
      actAs(db, who ? makeUser(db, who) : null);
      const refusal = who ? "role does not allow" : "Sign in again";
      for (const [action, fields] of [
        [actions.addSubscriberAction, { email: "new@example.org", confirmation: "confirmed" }],
        [actions.removeSubscriberAction, { id }],
        [actions.previewImportAction, { file: csvFile("a@example.org") }],
        [actions.importAction, { csv: "a@example.org" }],
      ] as [Action, Record<string, string | Blob>][]) {
        expect((await run(action, fields)).state).toMatchObject({
          ok: false,
          message: expect.stringContaining(refusal),
        });
      }
      const response = await exportCsv();
      expect(response.status).toBe(who ? 403 : 401);
      expect(await response.text()).not.toContain("keep@example.org");
    }
    expect(count()).toBe(1);
  });

  it.each(["admin", "owner"] as UserRole[])("lets an %s add, import, export and remove", async (role) => {
    actAs(db, makeUser(db, role));
    expect(
      await run(actions.addSubscriberAction, {
        email: "Sam@Example.org",
        scope: "some",
        componentIds: [vpn],
        confirmation: "confirmed",
      }),
    ).toEqual({
      redirect: "/admin/subscribers?done=subscriber-added-active",
    });
    expect(await run(actions.importAction, { csv: "email\nb@example.org,VPN\nc@example.org" })).toEqual({
      redirect: "/admin/subscribers?done=subscribers-imported&n=2",
    });
    const response = await exportCsv();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="subscribers-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await response.text();
    expect(text.split("\r\n")[0]).toBe("email,state,scope,created,confirmed");
    expect(text).toContain("sam@example.org,active,VPN,");
    const sam = getEmailSubscriberByAddress(db, pageId, "sam@example.org")!;
    expect(await run(actions.removeSubscriberAction, { id: sam.id })).toEqual({
      redirect: "/admin/subscribers?done=subscriber-removed",
    });
    expect(count()).toBe(2);
  });

  it("refuses a cross-site export", async () => {
    actAs(db, makeUser(db, "owner"));
    fakeRequest.headers.set("origin", "https://evil.example");
    expect((await exportCsv()).status).toBe(403);
  });
});

describe("adding by hand", () => {
  beforeEach(() => actAs(db, makeUser(db, "admin")));

  it("answers bad input per field, keeping what was typed and ticked", async () => {
    const bad = (await run(actions.addSubscriberAction, { email: "nope", scope: "all", confirmation: "send" })).state!;
    expect(bad).toMatchObject({
      ok: false,
      errors: { email: [expect.stringContaining("valid email address")] },
      values: { email: "nope" },
    });
    const none = (
      await run(actions.addSubscriberAction, { email: "a@example.org", scope: "some", confirmation: "send" })
    ).state!;
    expect(none).toMatchObject({ ok: false, errors: { componentIds: [expect.stringContaining("at least one")] } });
    const unknown = (
      await run(actions.addSubscriberAction, {
        email: "a@example.org",
        scope: "some",
        componentIds: [vpn, "zzzzzzzzzzzz"],
        confirmation: "send",
      })
    ).state!;
    expect(unknown).toMatchObject({
      ok: false,
      errors: { componentIds: [expect.stringContaining("zzzzzzzzzzzz")] },
      values: { componentIds: `${vpn},zzzzzzzzzzzz` },
    });
    const noConsent = (await run(actions.addSubscriberAction, { email: "a@example.org", scope: "all" })).state!;
    expect(noConsent).toMatchObject({ ok: false, errors: { confirmation: expect.any(Array) } });
    expect(count()).toBe(0);
  });

  it("sends a confirmation, and refuses the same address again", async () => {
    expect(
      await run(actions.addSubscriberAction, { email: "p@example.org", scope: "all", confirmation: "send" }),
    ).toEqual({ redirect: "/admin/subscribers?done=subscriber-added-pending" });
    expect(getEmailSubscriberByAddress(db, pageId, "p@example.org")).toMatchObject({
      state: "pending",
      origin: "console",
    });
    const again = (
      await run(actions.addSubscriberAction, { email: "P@example.org", scope: "all", confirmation: "confirmed" })
    ).state!;
    expect(again).toMatchObject({
      ok: false,
      errors: { email: [expect.stringContaining("already on the list (pending)")] },
    });
    expect(getEmailSubscriberByAddress(db, pageId, "p@example.org")).toMatchObject({ state: "pending" });
  });

  it("removing an unknown id changes nothing", async () => {
    insertEmailSubscriber(db, { pageId, email: "keep@example.org", state: "active", at: Date.now() });
    expect((await run(actions.removeSubscriberAction, { id: "zzzzzzzzzzzz" })).state).toMatchObject({
      ok: false,
      message: expect.stringContaining("not found"),
    });
    expect((await run(actions.removeSubscriberAction, { id: "../x" })).state).toMatchObject({
      ok: false,
      errors: { id: expect.any(Array) },
    });
    expect(count()).toBe(1);
  });
});

describe("importing", () => {
  beforeEach(() => actAs(db, makeUser(db, "admin")));

  it("previews a file: errors with line numbers and no text to import; a clean file comes back ready", async () => {
    const broken = (
      await run(actions.previewImportAction, { file: csvFile("a@example.org\nnot-an-address\nb@example.org,Nope") })
    ).state!;
    expect(broken).toMatchObject({
      ok: false,
      message: expect.stringContaining("2 lines have errors"),
      preview: { addCount: 1, errorCount: 2 },
    });
    expect(broken.preview!.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(broken.csv).toBeUndefined();
    const clean = (
      await run(actions.previewImportAction, { file: csvFile("a@example.org\nb@example.org,VPN\na@example.org") })
    ).state!;
    expect(clean).toMatchObject({
      ok: true,
      preview: { addCount: 2, mergedCount: 1, errorCount: 0 },
      csv: "a@example.org\nb@example.org,VPN\na@example.org",
    });
    expect(count()).toBe(0);
  });

  it("refuses a missing, empty or oversized file", async () => {
    expect((await run(actions.previewImportAction, {})).state).toMatchObject({
      ok: false,
      errors: { file: ["Choose a CSV file to upload."] },
    });
    expect((await run(actions.previewImportAction, { file: csvFile("") })).state).toMatchObject({
      ok: false,
      errors: { file: expect.any(Array) },
    });
    const big = csvFile("a".repeat(1024 * 1024) + "@example.org");
    expect((await run(actions.previewImportAction, { file: big })).state).toMatchObject({
      ok: false,
      errors: { file: [expect.stringContaining("larger than 1 MB")] },
    });
  });

  it("checks the text again on import and imports nothing if a line is wrong", async () => {
    const result = (await run(actions.importAction, { csv: "a@example.org\nb@example.org,Gone" })).state!;
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining("nothing was imported"),
      preview: { errorCount: 1 },
    });
    expect(count()).toBe(0);
    expect((await run(actions.importAction, { csv: "" })).state).toMatchObject({
      ok: false,
      errors: { file: expect.any(Array) },
    });
  });
});
