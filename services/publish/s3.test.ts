// The S3 target through the real AWS SDK against s3rver on 127.0.0.1: objects with their Content-Type and
// Cache-Control, only changes uploaded, and the faults: an unreachable endpoint, a missing bucket, wrong
// credentials, and a bucket refusing some uploads (retried; the previous copy stays coherent).
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { findPublishTargetStatus } from "@/db/queries/publish";
import { emptyPage } from "@/services/testing/scenario";
import { examplePages, startTestSite, type TestSite } from "@/services/testing/publish-site";
import { S3_CREDENTIALS, startRefusingProxy, startS3, type TestS3 } from "@/services/testing/s3-server";
import { httpFetcher } from "./http-fetcher";
import { publishSite } from "./publish";
import { s3Target, type S3TargetOptions } from "./s3";
import { LONG_CACHE, SHORT_CACHE } from "@/core/publish-paths";

let s3: TestS3;
let db: Db;
let site: TestSite;
const T = Date.UTC(2026, 11, 1, 12, 0);

beforeAll(async () => {
  s3 = await startS3(0, ["status-copy"]);
});
afterAll(() => s3.close());
beforeEach(async () => {
  ({ db } = emptyPage());
  site = await startTestSite(0);
});
afterEach(async () => {
  db.$client.close();
  await site.close();
});

const client = () =>
  new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
const options = (o: Partial<S3TargetOptions> = {}): S3TargetOptions => ({
  bucket: "status-copy",
  prefix: "",
  region: "us-east-1",
  endpoint: s3.endpoint,
  ...S3_CREDENTIALS,
  forcePathStyle: true,
  timeoutMs: 2_000,
  ...o,
});
const publish = (target: ReturnType<typeof s3Target>, at = T) =>
  publishSite({
    db,
    fetcher: httpFetcher(site.url),
    targets: [target],
    origin: "https://origin.example.org",
    origins: ["http://localhost:3000"],
    now: () => at,
    retryDelayMs: 1,
  });
async function get(key: string) {
  const answer = await client().send(new GetObjectCommand({ Bucket: "status-copy", Key: key }));
  return { type: answer.ContentType, cache: answer.CacheControl, body: await answer.Body!.transformToString() };
}
const keys = async (prefix: string) =>
  ((await client().send(new ListObjectsV2Command({ Bucket: "status-copy", Prefix: prefix }))).Contents ?? [])
    .map((o) => o.Key!)
    .sort();

describe("publishing to S3-compatible storage", () => {
  it("uploads every object with its type and caching, under the prefix, and then only what changed", async () => {
    const [first] = await publish(s3Target(options({ prefix: "site" })));
    expect(first).toMatchObject({ ok: true, unchanged: 0 });
    const home = await get("site/index.html");
    expect(home.type).toBe("text/html; charset=utf-8");
    expect(home.cache).toBe(SHORT_CACHE);
    expect(home.body).toContain('href="incidents/inc001.html"');
    expect((await get("site/_next/static/css/app.css")).cache).toBe(LONG_CACHE);
    const summary = await get("site/api/v2/summary.json");
    expect(summary.type).toBe("application/json");
    // Stored as sent: no checksum chunk framing inside the object.
    expect(JSON.parse(summary.body).incidents[0].id).toBe("inc001");

    site.pages.set("/history", { type: "text/html; charset=utf-8", body: "<html><body>new history</body></html>" });
    const [second] = await publish(s3Target(options({ prefix: "site" })), T + 60_000);
    expect(second).toMatchObject({ ok: true, uploaded: 1, deleted: 1 });
    // history?page=2 is no longer linked from anywhere: deleted after the new history page is up.
    expect(await keys("site/history")).toEqual(["site/history.html"]);
  });

  it("fails with the reason for an unreachable endpoint, a missing bucket and wrong credentials", async () => {
    const unreachable = await publish(s3Target(options({ endpoint: "http://127.0.0.1:3169" })));
    expect(unreachable[0].error).toMatch(/ECONNREFUSED/);
    const missing = await publish(s3Target(options({ bucket: "no-such-bucket" })));
    expect(missing[0].error).toMatch(/NoSuchBucket/);
    const wrong = await publish(s3Target(options({ accessKeyId: "WRONG", secretAccessKey: "WRONG" })));
    expect(wrong[0].error).toMatch(/InvalidAccessKeyId|SignatureDoesNotMatch/);
    expect(wrong[0].error).not.toContain("WRONG");
    expect(findPublishTargetStatus(db, "s3")!.lastError).toBe(wrong[0].error);
  });

  it("keeps the previous copy coherent when the bucket refuses some objects, and completes on the next run", async () => {
    const proxy = await startRefusingProxy(0, s3.port);
    try {
      const target = () => s3Target(options({ prefix: "partial", endpoint: proxy.endpoint }));
      expect((await publish(target()))[0].ok).toBe(true);
      const before = await get("partial/index.html");

      // A new incident: its page is refused (after the SDK's and our own retries); the home page that would
      // link to it must not go up, so the copy never links to a missing page.
      const next = examplePages(["inc001", "inc009"]);
      site.pages.set("/", next.get("/")!);
      site.pages.set("/incidents/inc009", next.get("/incidents/inc009")!);
      proxy.state.refuse = /inc009/;
      const [failed] = await publish(target(), T + 60_000);
      expect(failed.ok).toBe(false);
      expect(failed.error).toMatch(
        /1 object could not be uploaded.*previous copy stays whole.*incidents\/inc009\.html/,
      );
      expect(proxy.state.refused.length).toBeGreaterThanOrEqual(3);
      expect((await get("partial/index.html")).body).toBe(before.body);
      expect(await keys("partial/incidents/")).toEqual(["partial/incidents/inc001.html"]);

      proxy.state.refuse = undefined;
      const [retried] = await publish(target(), T + 120_000);
      expect(retried).toMatchObject({ ok: true, uploaded: 2 });
      expect((await get("partial/index.html")).body).toContain('href="incidents/inc009.html"');
      expect(findPublishTargetStatus(db, "s3")).toMatchObject({ failingSince: null, lastSuccessAt: T + 120_000 });
    } finally {
      await proxy.close();
    }
  });
});
