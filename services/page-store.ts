// The page cache with its renders: for each public request, whether to answer from memory, hand out the
// previous copy while a new one renders, or wait for the render. The rule (docs/page-cache.md):
//   - A copy rendered at the current public content version is served (HIT). Past FRESH_MS it is served once
//     more while one fresh copy renders in the background: time alone changes pages slowly.
//   - The first request that finds the copy outdated (the version moved) starts the new render and waits for it
//     (MISS): a visitor who reloads alone after a change sees it at once.
//   - Requests that arrive while that render is in flight get the previous copy at once (STALE, every other
//     header the same), but only for STALE_MS after the copy was first found outdated; after that they wait.
//     This is what keeps p99 under load independent of how long a render takes.
//   - A failed render (an exception or a status other than 200/404) is logged, and the previous copy is kept:
//     everyone gets it (STALE) and one retry starts after RETRY_MS. With no previous copy, the error is
//     answered as it came (or 503), uncached.
// Renders are shared: one per path and version, however many requests wait for it.
import { entryFromRender, PageCache, type CacheEntry, type CacheState, type Rendered } from "./page-cache";

export const FRESH_MS = 60_000;
export const STALE_MS = 2_000;
export const RETRY_MS = 1_000;

/** An entry to send with sendEntry, in the given x-cache state. */
export interface Ready {
  entry: CacheEntry;
  state: CacheState;
}
/** An answer not to cache: an error page as Next rendered it, a refused (streaming) page, or a 503. */
export interface Uncached {
  status: number;
  contentType: string;
  body: Buffer;
}
/** Ready now (the hot path creates no promise), or once the render it waits for has finished. */
export type Served = Ready | Promise<Ready | Uncached>;

/**
 * A render's result. `failed` says why there is no entry (the previous copy is then kept); a refused page
 * (streaming markers, warned about by entryFromRender) is sent as Next rendered it and is no failure.
 */
type Outcome = { entry: CacheEntry } | { uncached: Uncached; failed?: string; thrown?: boolean };

/** What is known about a cached copy once a newer version exists. */
interface Outdated {
  since: number;
  /** Set by a failed render of a newer version; cleared when one succeeds (the copy is then replaced). */
  failedAt?: number;
}

export interface PageStoreOptions {
  /** Asks Next for a path (server.ts: over the internal loopback listener). */
  render: (key: string, host: string | undefined) => Promise<Rendered>;
  now?: () => number;
  log?: (message: string) => void;
  warn?: (message: string) => void;
  freshMs?: number;
  staleMs?: number;
  retryMs?: number;
  cache?: PageCache;
}

export const UNAVAILABLE: Uncached = {
  status: 503,
  contentType: "text/plain; charset=utf-8",
  body: Buffer.from("The status page is temporarily unavailable."),
};

export class PageStore {
  readonly cache: PageCache;
  private readonly flights = new Map<string, Promise<Outcome>>();
  private readonly outdated = new WeakMap<CacheEntry, Outdated>();
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly warn: (message: string) => void;
  private readonly freshMs: number;
  private readonly staleMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: PageStoreOptions) {
    this.cache = options.cache ?? new PageCache();
    this.now = options.now ?? Date.now;
    this.log = options.log ?? console.error;
    this.warn = options.warn ?? console.warn;
    this.freshMs = options.freshMs ?? FRESH_MS;
    this.staleMs = options.staleMs ?? STALE_MS;
    this.retryMs = options.retryMs ?? RETRY_MS;
  }

  serve(key: string, version: number, host: string | undefined): Served {
    const entry = this.cache.get(key);
    if (entry && entry.version === version) {
      this.cache.stats.hits++;
      if (this.now() - entry.renderedAt > this.freshMs && !this.flights.has(flightKey(key, version))) {
        this.cache.stats.refreshes++;
        void this.startRender(key, version, host);
      }
      return { entry, state: "HIT" };
    }
    const flight = this.flights.get(flightKey(key, version));
    if (entry) {
      const now = this.now();
      let outdated = this.outdated.get(entry);
      if (!outdated) this.outdated.set(entry, (outdated = { since: now }));
      const failing = outdated.failedAt !== undefined;
      if (
        flight ? failing || now - outdated.since < this.staleMs : failing && now - outdated.failedAt! < this.retryMs
      ) {
        this.cache.stats.stale++;
        return { entry, state: "STALE" };
      }
    }
    this.cache.stats.misses++;
    return (flight ?? this.startRender(key, version, host)).then((outcome) => {
      if ("entry" in outcome) return { entry: outcome.entry, state: "MISS" as const };
      // After a failure the copy this request found, if any, is still the best there is.
      return entry && outcome.failed ? { entry, state: "STALE" as const } : outcome.uncached;
    });
  }

  /**
   * The static publisher's read (services/publish). A full publish reads every page of the site, several times
   * what the cache holds, so keeping its renders would evict every visitor's page (it did: 0 hits in a full
   * read of 6,355 pages). So: a cached copy of this version rendered within FRESH_MS is taken as it is; a page
   * the cache holds but older (outdated or aged) is rendered and replaces that copy (the cache does not grow);
   * a page it does not hold is rendered and NOT kept. Never the previous copy: the publish shows this version.
   */
  serveForPublisher(key: string, version: number, host: string | undefined): Ready | Promise<Ready | Uncached> {
    const entry = this.cache.peek(key);
    if (entry && entry.version === version && this.now() - entry.renderedAt <= this.freshMs) {
      this.cache.stats.publisherHits++;
      return { entry, state: "HIT" };
    }
    const flight = this.flights.get(flightKey(key, version));
    if (!flight) this.cache.stats.publisherRenders++;
    const pending = flight ?? (entry ? this.startRender(key, version, host) : this.render(key, version, host));
    return pending.then((outcome) => {
      if ("entry" in outcome) return { entry: outcome.entry, state: "MISS" as const };
      if (outcome.thrown && !entry) this.log(`Rendering ${key} for the publisher failed (${outcome.failed}).`);
      return outcome.uncached;
    });
  }

  private startRender(key: string, version: number, host: string | undefined): Promise<Outcome> {
    const id = flightKey(key, version);
    const flight = this.render(key, version, host).then((outcome) => {
      this.flights.delete(id);
      const current = this.cache.get(key);
      if ("entry" in outcome) {
        // A render of an older version that finishes late must not replace a newer copy.
        if (!current || current.version <= version) this.cache.set(key, outcome.entry);
      } else if (outcome.failed && current && current.version < version) {
        const outdated = this.outdated.get(current) ?? { since: this.now() };
        outdated.failedAt = this.now();
        this.outdated.set(current, outdated);
        this.log(
          `Rendering ${key} failed (${outcome.failed}); serving the previous copy (version ${current.version}).`,
        );
      } else if (outcome.thrown) {
        // Without a copy to keep, an error status is Next's to log; an exception here is ours.
        this.log(`Rendering ${key} failed (${outcome.failed}).`);
      }
      return outcome;
    });
    this.flights.set(id, flight);
    return flight;
  }

  /** Never rejects: a failure is an outcome with the reason and what to answer when nothing older exists. */
  private async render(key: string, version: number, host: string | undefined): Promise<Outcome> {
    let rendered: Rendered;
    try {
      rendered = await this.options.render(key, host);
    } catch (err) {
      return { failed: reason(err), thrown: true, uncached: UNAVAILABLE };
    }
    // 308: a language's duplicate URL (/en/x when English is the default) redirects for good (core/i18n/paths.ts).
    if (rendered.status !== 200 && rendered.status !== 404 && rendered.status !== 308) {
      return { failed: `Next answered ${rendered.status}`, uncached: rendered };
    }
    try {
      const entry = await entryFromRender(key, rendered, version, this.now(), this.warn);
      // Refused (streaming markers, logged by entryFromRender): the page as Next rendered it, scripts included.
      return entry ? { entry } : { uncached: rendered };
    } catch (err) {
      return { failed: reason(err), thrown: true, uncached: UNAVAILABLE };
    }
  }
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));
const flightKey = (key: string, version: number) => `${version} ${key}`;
