// The "published at" line each uploaded page gets is in that page's own language (its <html lang>), so the
// German copy says it in German and the Arabic one in Arabic; files that are not HTML are left as they are.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { folderTarget } from "./folder";
import type { SiteObject } from "./site";
import { uploadToTarget } from "./upload";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "upload-notice-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const page = (key: string, lang: string, dirAttr = "ltr"): SiteObject => ({
  key,
  body: Buffer.from(`<!DOCTYPE html><html dir="${dirAttr}" lang="${lang}"><body><footer></footer></body></html>`),
  contentType: "text/html; charset=utf-8",
  cacheControl: "no-cache",
  hash: key,
  html: true,
});

describe("uploadToTarget's notice", () => {
  it("is written in each page's language", async () => {
    const objects = [
      page("index.html", "en"),
      page("de/index.html", "de"),
      page("ar/index.html", "ar", "rtl"),
      { ...page("api.json", "en"), body: Buffer.from("{}"), contentType: "application/json", html: false },
    ];
    await uploadToTarget(folderTarget(dir), objects, { now: Date.UTC(2026, 11, 1, 9), origin: "https://o.example" });
    const read = (key: string) => fs.readFileSync(path.join(dir, key), "utf8");
    expect(read("index.html")).toContain("Published at");
    expect(read("de/index.html")).toContain("Veröffentlicht am");
    expect(read("de/index.html")).not.toContain("Published at");
    expect(read("ar/index.html")).toContain("نُشر في");
    expect(read("api.json")).toBe("{}");
  });
});
