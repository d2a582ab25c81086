// Static-copy targets kept in settings: validated per field, owners and admins only, the secret sealed and never
// shown or logged, "Test connection" writing and deleting a probe object (a real folder, s3rver through the AWS
// SDK), and the publisher's list of targets following every change without a restart.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { auditLog, publishTargetConfigs } from "@/db/schema";
import { insertUser } from "@/db/writes/users";
import { emptyPage } from "@/services/testing/scenario";
import { S3_CREDENTIALS, startS3, type TestS3 } from "@/services/testing/s3-server";
import { secretBox } from "@/services/secrets/box";
import { settingsTargetSource } from "@/services/publish/settings-targets";
import { removePublishTarget, savePublishTarget, testPublishTarget } from "./publish-targets";

const T = Date.UTC(2026, 11, 1, 12);
let s3: TestS3;
let db: Db;
let dir: string;
beforeAll(async () => {
  s3 = await startS3(0, ["status-copy"]);
});
afterAll(() => s3.close());
beforeEach(() => {
  ({ db } = emptyPage());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "targets-"));
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const box = () => secretBox({ dataFolder: dir });
const member = (role: "owner" | "admin" | "editor") => ({
  type: "user" as const,
  userId: insertUser(db, { email: `${role}-${Math.random()}@example.org`, passwordHash: "x", role, at: T }),
  label: role,
  role,
});
const s3Input = (over: Record<string, string> = {}) => ({
  name: "CDN bucket",
  kind: "s3",
  bucket: "status-copy",
  prefix: "site",
  region: "us-east-1",
  endpoint: s3.endpoint,
  accessKeyId: S3_CREDENTIALS.accessKeyId,
  secretAccessKey: S3_CREDENTIALS.secretAccessKey,
  forcePathStyle: "on",
  ...over,
});

describe("static-copy targets in settings", () => {
  it("are validated per field, and only owners and admins change them", () => {
    const admin = member("admin");
    const bad = savePublishTarget(
      db,
      admin,
      box(),
      {
        name: "",
        kind: "s3",
        bucket: "Not_A_Bucket",
        prefix: "../up",
        region: "Mars 1",
        endpoint: "ftp://user:pw@example.net",
        accessKeyId: "AKIA",
        secretAccessKey: "",
      },
      T,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors).sort()).toEqual(
      ["bucket", "endpoint", "name", "prefix", "region", "secretAccessKey"].sort(),
    );
    expect(bad.errors.endpoint).toMatch(/http:\/\/ or https:\/\//);
    const folderless = savePublishTarget(
      db,
      admin,
      box(),
      { name: "Folder", kind: "folder", folder: "relative/dir" },
      T,
    );
    expect(folderless).toMatchObject({ ok: false, errors: { folder: expect.stringMatching(/absolute path/) } });
    const control = savePublishTarget(db, admin, box(), { name: "Bad\u0007name", kind: "folder", folder: dir }, T);
    expect(control).toMatchObject({ ok: false, errors: { name: expect.any(String) } });
    expect(() => savePublishTarget(db, member("editor"), box(), s3Input(), T)).toThrow(
      /role does not allow|not allowed/i,
    );
    expect(db.select().from(publishTargetConfigs).all()).toEqual([]);
  });

  it("seal the secret, never show or audit it, keep it when an edit leaves it blank, and refuse a second name", () => {
    const admin = member("owner");
    const saved = savePublishTarget(db, admin, box(), s3Input({ secretAccessKey: "very-secret-value" }), T);
    expect(saved).toMatchObject({ ok: true });
    const row = db.select().from(publishTargetConfigs).get()!;
    expect(row.secretSealed).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain("very-secret-value");
    expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain("very-secret-value");

    const edited = savePublishTarget(
      db,
      admin,
      box(),
      s3Input({ secretAccessKey: "", prefix: "moved" }),
      T + 1,
      row.id,
    );
    expect(edited).toMatchObject({ ok: true });
    const after = db.select().from(publishTargetConfigs).get()!;
    expect(after.prefix).toBe("moved");
    expect(box().open(after.secretSealed!)).toBe("very-secret-value");

    const twice = savePublishTarget(db, admin, box(), s3Input(), T + 2);
    expect(twice).toMatchObject({ ok: false, errors: { name: expect.stringMatching(/already/) } });
  });

  it("test the connection by writing and deleting a probe object, with the reason when it fails", async () => {
    const admin = member("admin");
    const good = savePublishTarget(db, admin, box(), s3Input(), T);
    const folder = savePublishTarget(
      db,
      admin,
      box(),
      { name: "Standby", kind: "folder", folder: path.join(dir, "site") },
      T,
    );
    const wrong = savePublishTarget(
      db,
      admin,
      box(),
      s3Input({ name: "Wrong", accessKeyId: "WRONG", secretAccessKey: "WRONG" }),
      T,
    );
    if (!good.ok || !folder.ok || !wrong.ok) throw new Error("not saved");
    expect(await testPublishTarget(db, admin, box(), good.id)).toEqual({
      ok: true,
      message: expect.stringMatching(/wrote and deleted a test object in s3:\/\/status-copy\/site/),
    });
    expect(
      fs
        .readdirSync(path.join(s3.directory, "status-copy"), { recursive: true })
        .map(String)
        .filter((f) => f.includes("probe")),
    ).toEqual([]);
    expect(await testPublishTarget(db, admin, box(), folder.id)).toMatchObject({ ok: true });
    expect(fs.readdirSync(path.join(dir, "site"))).toEqual([]);
    const failed = await testPublishTarget(db, admin, box(), wrong.id);
    expect(failed).toMatchObject({ ok: false, message: expect.stringMatching(/InvalidAccessKeyId/) });
    expect(failed.message).not.toContain("WRONG");
  });

  it("are the publisher's targets, rebuilt after each change without a restart", () => {
    const admin = member("admin");
    const source = settingsTargetSource(db, box());
    expect(source()).toEqual([]);
    const saved = savePublishTarget(
      db,
      admin,
      box(),
      { name: "Standby", kind: "folder", folder: path.join(dir, "a") },
      T,
    );
    if (!saved.ok) throw new Error("not saved");
    const [first] = source();
    expect(first).toMatchObject({ name: `folder:${saved.id}`, label: "Standby", describe: path.join(dir, "a") });
    expect(source()[0]).toBe(first); // unchanged: the same object, not rebuilt every tick
    savePublishTarget(
      db,
      admin,
      box(),
      { name: "Standby", kind: "folder", folder: path.join(dir, "b") },
      T + 1,
      saved.id,
    );
    expect(source()[0].describe).toBe(path.join(dir, "b"));
    expect(removePublishTarget(db, admin, saved.id, T + 2)).toBe(true);
    expect(source()).toEqual([]);
  });
});
