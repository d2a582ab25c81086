// The logo route serves stored images; unknown or malformed ids are 404. An SVG is served under a sandboxing
// CSP, so even one that slipped past the upload check (which refuses scripts) can never run script.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { assets } from "@/db/schema";
import { newId } from "@/core/ids";
import { expect, test } from "./fixtures";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==",
  "base64",
);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

test("serves a stored PNG logo, an SVG only sandboxed, and 404 for anything else", async ({ request, db }) => {
  const add = (contentType: string, bytes: Buffer) => {
    const id = newId();
    db.insert(assets)
      .values({
        id,
        contentType,
        bytes,
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        createdAt: Date.now(),
      })
      .run();
    return id;
  };
  const png = add("image/png", PNG);
  const svg = add("image/svg+xml", SVG);
  try {
    const ok = await request.get(`/assets/${png}`);
    expect(ok.status()).toBe(200);
    expect(ok.headers()["content-type"]).toBe("image/png");
    expect(ok.headers()["cache-control"]).toContain("immutable");
    expect(Buffer.compare(await ok.body(), PNG)).toBe(0);
    const sandboxed = await request.get(`/assets/${svg}`);
    expect(sandboxed.headers()).toMatchObject({
      "content-type": "image/svg+xml",
      "x-content-type-options": "nosniff",
      "content-security-policy": expect.stringMatching(/default-src 'none'.*sandbox/),
    });
    for (const path of ["/assets/zzzzzzzzzzzz", "/assets/NOT-AN-ID", "/assets/%2e%2e%2fetc"]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
  } finally {
    db.delete(assets).where(eq(assets.id, png)).run();
    db.delete(assets).where(eq(assets.id, svg)).run();
  }
});
