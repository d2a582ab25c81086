// Brings one target up to date with the objects of a publish, keeping the copy coherent at every moment:
//   - only objects whose content changed since the target's manifest are uploaded;
//   - uploads go in rank order (core/publish-paths.ts uploadRank): what pages link to first, the home page
//     and summary.json last; a rank that fails stops the publish before any page that could link to it;
//   - objects no longer in the site are deleted only after everything else is up, so no page ever links to a
//     deleted object;
//   - the manifest records what the target really holds, also after a failure, so the next run uploads only
//     what is still missing. A run killed outright leaves the old manifest: the next run repeats its uploads,
//     which are whole-object writes of the same bytes.
import type { Locale } from "@/core/i18n/locales";
import { htmlLocale, publishedNotice, stampHtml, uploadRank } from "@/core/publish-paths";
import type { SiteObject } from "./site";
import type { Manifest, PublishTarget } from "./target";

export interface UploadResult {
  uploaded: number;
  deleted: number;
  unchanged: number;
}

export class PublishFailure extends Error {
  override name = "PublishFailure";
  constructor(
    message: string,
    readonly partial: UploadResult,
  ) {
    super(message);
  }
}

const CONCURRENCY = 4;
const ATTEMPTS = 3;

async function withRetries<T>(run: () => Promise<T>, signal: AbortSignal | undefined, delayMs: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= ATTEMPTS || signal?.aborted) throw err;
      await new Promise((r) => setTimeout(r, delayMs * attempt));
    }
  }
}

async function inParallel<T>(items: T[], run: (item: T) => Promise<void>): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await run(item);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return errors;
}

export async function uploadToTarget(
  target: PublishTarget,
  objects: SiteObject[],
  options: {
    now: number;
    /** When this run took the target's lease: anything a killed writer left is older. */
    startedAt?: number;
    origin: string;
    signal?: AbortSignal;
    retryDelayMs?: number;
    /** Some objects only (a quick publish): nothing is deleted. */
    partial?: boolean;
    manifest?: Manifest;
  },
): Promise<UploadResult> {
  const retryDelay = options.retryDelayMs ?? 500;
  if (!options.partial) await target.prepare?.(options.startedAt ?? options.now);
  const manifest: Manifest = options.manifest ?? (await target.readManifest());
  const changed = objects.filter((o) => manifest[o.key]?.hash !== o.hash);
  const result: UploadResult = { uploaded: 0, deleted: 0, unchanged: objects.length - changed.length };
  // Each page's notice is in that page's language (its <html lang>): /de/... gets the German line.
  const notices = new Map<Locale, string>();
  const stamp = (html: string) => {
    const locale = htmlLocale(html);
    let notice = notices.get(locale);
    if (notice === undefined) notices.set(locale, (notice = publishedNotice(options.now, options.origin, locale)));
    return stampHtml(html, notice);
  };

  const ranks = [...new Set(changed.map((o) => uploadRank(o.key)))].sort((a, b) => a - b);
  for (const rank of ranks) {
    const errors = await inParallel(
      changed.filter((o) => uploadRank(o.key) === rank),
      async (o) => {
        options.signal?.throwIfAborted();
        const body = o.html ? Buffer.from(stamp(o.body.toString("utf8"))) : o.body;
        await withRetries(
          () => target.put({ key: o.key, body, contentType: o.contentType, cacheControl: o.cacheControl }),
          options.signal,
          retryDelay,
        );
        manifest[o.key] = { hash: o.hash, size: body.length, ...(o.url ? { url: o.url } : {}) };
        result.uploaded++;
      },
    );
    if (errors.length) {
      await target.writeManifest(manifest).catch(() => undefined);
      const first = errors[0] instanceof Error ? errors[0].message : String(errors[0]);
      throw new PublishFailure(
        `${errors.length} object${errors.length === 1 ? "" : "s"} could not be uploaded (the pages that link to ` +
          `them were not updated, the previous copy stays whole): ${first}`,
        result,
      );
    }
  }

  // URLs of unchanged objects too: a manifest from before they were recorded learns them.
  let learned = false;
  for (const o of objects) {
    if (o.url && manifest[o.key] && manifest[o.key].url !== o.url) {
      manifest[o.key].url = o.url;
      learned = true;
    }
  }
  const keep = new Set(objects.map((o) => o.key));
  const stale = options.partial ? [] : Object.keys(manifest).filter((key) => !keep.has(key));
  if (changed.length || learned) await target.writeManifest(manifest);
  const errors = await inParallel(stale, async (key) => {
    await withRetries(() => target.remove(key), options.signal, retryDelay);
    delete manifest[key];
    result.deleted++;
  });
  if (stale.length) await target.writeManifest(manifest);
  if (errors.length) {
    const first = errors[0] instanceof Error ? errors[0].message : String(errors[0]);
    throw new PublishFailure(
      `${errors.length} old objects could not be deleted (nothing links to them): ${first}`,
      result,
    );
  }
  return result;
}
