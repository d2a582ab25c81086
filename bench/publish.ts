// `npm run bench:publish`: static publishing and backups on the large dataset (60 services, a year, 300
// incidents), against the production server on 127.0.0.1 and s3rver on 127.0.0.1 through the real AWS SDK.
// Prints: a full publish (objects, seconds), an incremental one after one incident update (objects changed,
// seconds), the time from that commit to the updated summary.json readable from the bucket, and a snapshot
// backup of the database and its restore. Environment: BENCH_PORT for the app (s3rver takes BENCH_PORT + 1);
// unset, both get ports the kernel says are free, and each run works in its own folder, so two runs never collide.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { openDatabase } from "@/db";
import { insertIncidentUpdate } from "@/db/writes/incidents";
import { restoreSnapshot, takeSnapshot } from "@/services/backup/snapshots";
import { folderTarget } from "@/services/publish/folder";
import { httpFetcher } from "@/services/publish/http-fetcher";
import { publishSite, type PublishOutcome } from "@/services/publish/publish";
import { s3Target } from "@/services/publish/s3";
import { S3_CREDENTIALS, startS3 } from "@/services/testing/s3-server";
import { LARGE, seedLargeDataset } from "./large-dataset";
import { freePort, startApp } from "./servers";

const BUCKET = "bench-status";

async function main() {
  // The SDK's notice that its 2027 releases need Node 22 (stack.md pins this one) would bury the figures.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const fixed = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined;
  if (fixed !== undefined && !(Number.isInteger(fixed) && fixed > 0 && fixed < 65535))
    throw new Error(`BENCH_PORT: give a port number below 65535, not ${JSON.stringify(process.env.BENCH_PORT)}`);
  const PORT = fixed ?? (await freePort());
  fs.mkdirSync(path.resolve("bench", ".out"), { recursive: true });
  const OUT = fs.mkdtempSync(path.resolve("bench", ".out", "publish-"));
  const file = path.join(OUT, "status.db");
  const db = openDatabase(file, { countQueries: false });
  const { incidentIds } = seedLargeDataset(db);
  console.log(`Dataset: ${LARGE.services} services, ${LARGE.years} year, ${incidentIds.length} incidents`);

  // Port 0: s3rver asks the kernel for a free one.
  const s3 = await startS3(fixed === undefined ? 0 : fixed + 1, [BUCKET]);
  // The server's publisher key (server.ts), shared so this process's reads never fill the visitors' cache.
  const publisherKey = randomBytes(24).toString("base64url");
  const app = await startApp(file, PORT, { env: { STATUS_PUBLISHER_KEY: publisherKey } });
  try {
    const targets = [
      folderTarget(path.join(OUT, "site")),
      s3Target({
        bucket: BUCKET,
        prefix: "",
        region: "us-east-1",
        endpoint: s3.endpoint,
        ...S3_CREDENTIALS,
        forcePathStyle: true,
      }),
    ];
    const publish = async (quickSince?: number) => {
      const started = performance.now();
      const outcomes = await publishSite({
        quickSince,
        db,
        fetcher: httpFetcher(app.base, undefined, publisherKey),
        targets,
        origin: app.base,
        origins: [app.base, "http://localhost:3000"],
        baseUrl: "https://status.example.org",
      });
      const failed = outcomes.filter((o) => !o.ok);
      if (failed.length) throw new Error(failed.map((o) => o.error).join("; "));
      return { seconds: (performance.now() - started) / 1000, outcomes };
    };
    const line = (label: string, r: { seconds: number; outcomes: PublishOutcome[] }) =>
      console.log(
        `${label}: ${r.seconds.toFixed(2)} s for both targets; ` +
          r.outcomes
            .map(
              (o) =>
                `${o.target} ${o.uploaded} uploaded, ${o.deleted} deleted, ${o.unchanged} unchanged (reading the site ${((o.renderMs ?? 0) / 1000).toFixed(2)} s)`,
            )
            .join("; "),
      );

    // Visitors' pages in the cache before the publisher reads the whole site (several times the cache).
    const visitorPages = [
      "/",
      "/history",
      "/de",
      "/ja/history",
      "/api/v2/summary.json",
      `/incidents/${incidentIds[0]}`,
    ];
    const metrics = async () =>
      ((await (await fetch(`${app.base}/_status/metrics`)).json()) as { cache: Record<string, number> }).cache;
    for (const u of visitorPages) await (await fetch(`${app.base}${u}`)).arrayBuffer();
    line("Full publish (cold page cache)", await publish());
    const before = await metrics();
    const states = [];
    for (const u of visitorPages) states.push((await fetch(`${app.base}${u}`)).headers.get("x-cache"));
    const after = await metrics();
    console.log(
      `Visitors' pages after the full publish: ${states.join(", ")}; cache ${JSON.stringify(after)} ` +
        `(visitor hits ${after.hits - before.hits} of ${visitorPages.length})`,
    );
    line("Quick publish, nothing changed", await publish(Date.now()));
    // The minute's run with nothing changed (services/publish/job.ts: a quick run since the last attempt).
    line("The minute's run, nothing changed (the time-dependent set)", await publish(Date.now() - 60_000));

    const client = new S3Client({
      region: "us-east-1",
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: S3_CREDENTIALS,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    const readSummary = async () =>
      (
        await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "api/v2/summary.json" }))
      ).Body!.transformToString();
    const previous = await readSummary();

    // One incident update, committed through the write layer as the console would.
    const incidentId = incidentIds.at(-1)!;
    const committed = performance.now();
    const at = Date.now();
    db.transaction((tx) =>
      insertIncidentUpdate(tx, {
        incidentId,
        status: "monitoring",
        body: "Benchmark update: a fix is rolling out.",
        displayAt: at,
        at,
        deliverNotifications: false,
      }),
    );
    // Read the bucket every 100 ms while the quick publish runs: the updated summary.json is readable once its
    // first round (the API and the default language) is up, before the other languages.
    let polling = true;
    const firstReadable = (async () => {
      while (polling) {
        const body = await readSummary().catch(() => previous);
        if (body !== previous) return { seconds: (performance.now() - committed) / 1000, body };
        await new Promise((r) => setTimeout(r, 100));
      }
      return undefined;
    })();
    const incremental = await publish(Date.now() - 2_000);
    line("Incremental (quick) publish after one incident update", incremental);
    setTimeout(() => (polling = false), 2_000);
    const seen = await firstReadable;
    polling = false;
    if (!seen) console.log("(summary.json did not change: the updated incident is not open)");
    else
      console.log(
        `Commit to updated summary.json readable from the bucket: ${seen.seconds.toFixed(2)} s, the whole quick ` +
          `publish ${((performance.now() - committed) / 1000).toFixed(2)} s (plus up to 2 s for the publisher's ` +
          `next tick when it runs in the server)`,
      );

    line("The full publish that follows the change", await publish());

    const snapStart = performance.now();
    const snapshot = await takeSnapshot(db, path.join(OUT, "snapshots"), Date.now());
    const dbBytes =
      (db.$client.pragma("page_count", { simple: true }) as number) *
      (db.$client.pragma("page_size", { simple: true }) as number);
    console.log(
      `Snapshot backup: ${((performance.now() - snapStart) / 1000).toFixed(2)} s, ${(dbBytes / 1e6).toFixed(1)} MB database -> ${(snapshot.bytes / 1e6).toFixed(1)} MB compressed`,
    );
    const restoreStart = performance.now();
    const restored = await restoreSnapshot(path.join(OUT, "snapshots"), path.join(OUT, "restored.db"));
    console.log(
      `Restore (decompress, integrity check, migrations, counts): ${((performance.now() - restoreStart) / 1000).toFixed(2)} s; ` +
        Object.entries(restored.counts)
          .map(([t, n]) => `${t} ${n}`)
          .join(", "),
    );
  } finally {
    await app.stop();
    await s3.close();
    db.$client.close();
    fs.rmSync(OUT, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
