// Reads a Statuspage page through its v1 REST API (https://api.statuspage.io/v1, or STATUSPAGE_API_URL),
// paging through every list and keeping to its rate limit: one request per `intervalMs` (Statuspage allows
// about one a second), and on 429 a wait of Retry-After (or until X-RateLimit-Reset) before trying again.
// A dropped connection is retried a few times; past that the import stops before anything is written.
import { SourceError } from "./errors";
import {
  parseComponents,
  parseIncidents,
  parsePage,
  parseSubscribers,
  parseTemplates,
  type Skip,
  type SourceData,
} from "./source";

const PER_PAGE = 100;
/** A page of Statuspage with more than this many objects of a kind is refused rather than read forever. */
const MAX_PAGES = 1000;

export interface Pace {
  /** Least time between two requests. */
  intervalMs: number;
  /** How long a 429 makes us wait, from its Retry-After in seconds (tests shorten it). */
  retryWaitMs: (retryAfterSeconds: number) => number;
  /** 429 answers in a row before giving up. */
  maxRateLimitWaits: number;
  /** Attempts of one request after a connection failure. */
  maxNetworkRetries: number;
}

export const STATUSPAGE_PACE: Pace = {
  intervalMs: 1000,
  retryWaitMs: (s) => s * 1000,
  maxRateLimitWaits: 60,
  maxNetworkRetries: 3,
};

export interface ReadProgress {
  (message: string): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class StatuspageClient {
  private last = 0;
  requests = 0;
  rateLimited = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly pageId: string,
    private readonly apiKey: string,
    private readonly pace: Pace = STATUSPAGE_PACE,
  ) {}

  async get(path: string): Promise<unknown> {
    const url = `${this.baseUrl.replace(/\/+$/, "")}/pages/${encodeURIComponent(this.pageId)}${path}`;
    let waits = 0;
    let failures = 0;
    for (;;) {
      const gap = this.last + this.pace.intervalMs - Date.now();
      if (gap > 0) await sleep(gap);
      this.last = Date.now();
      this.requests++;
      let res: Response;
      try {
        res = await fetch(url, {
          headers: { authorization: `OAuth ${this.apiKey}`, accept: "application/json" },
          signal: AbortSignal.timeout(30_000),
        });
      } catch (err) {
        if (++failures > this.pace.maxNetworkRetries)
          throw new SourceError(
            `Lost the connection to Statuspage while reading ${path || "the page"} (${
              err instanceof Error ? (err.cause as Error | undefined)?.message || err.message : String(err)
            }). Nothing was written; run the same command again.`,
          );
        await sleep(Math.min(5000, this.pace.retryWaitMs(1) * failures));
        continue;
      }
      if (res.status === 429 || res.status === 420) {
        this.rateLimited++;
        await res.body?.cancel();
        if (++waits > this.pace.maxRateLimitWaits)
          throw new SourceError(
            `Statuspage kept answering 429 (rate limited) ${waits - 1} times in a row for ${path}. Nothing was written; try again later.`,
          );
        const retryAfter = Number(res.headers.get("retry-after"));
        const reset = Number(res.headers.get("x-ratelimit-reset"));
        const seconds = retryAfter > 0 ? retryAfter : reset > 0 ? Math.max(1, Math.ceil(reset - Date.now() / 1000)) : 1;
        await sleep(this.pace.retryWaitMs(Math.min(seconds, 120)));
        continue;
      }
      if (res.status === 401 || res.status === 403)
        throw new SourceError(
          `Statuspage refused the API key (HTTP ${res.status}). Check --api-key: it is under your Statuspage profile, API info. Nothing was written.`,
        );
      if (res.status === 404 && path === "")
        throw new SourceError(
          `Statuspage has no page "${this.pageId}" for this key (HTTP 404). Check --page-id. Nothing was written.`,
        );
      if (!res.ok) throw new SourceError(`Statuspage answered HTTP ${res.status} for ${path}. Nothing was written.`);
      try {
        return await res.json();
      } catch {
        if (++failures > this.pace.maxNetworkRetries)
          throw new SourceError(`Statuspage's answer for ${path} was cut off or is not JSON. Nothing was written.`);
      }
    }
  }

  /** Every object of a list, page by page until a short page. */
  async getAll(path: string, query = ""): Promise<unknown[]> {
    const all: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const rows = await this.get(`${path}?per_page=${PER_PAGE}&page=${page}${query}`);
      if (!Array.isArray(rows)) throw new SourceError(`Statuspage's answer for ${path} is not a list.`);
      all.push(...rows);
      if (rows.length < PER_PAGE) return all;
    }
    throw new SourceError(`${path} has more than ${MAX_PAGES * PER_PAGE} objects; refusing to read further.`);
  }
}

/** Everything the management API offers for the page, parsed. Reads only: nothing is written here. */
export async function readStatuspage(client: StatuspageClient, pageId: string, progress?: ReadProgress) {
  const skipped: Skip[] = [];
  const page = parsePage(await client.get(""));
  progress?.("Read the page settings.");
  const { groups, components } = parseComponents(
    await client.getAll("/components"),
    await client.getAll("/component-groups"),
    skipped,
  );
  progress?.(`Read ${groups.length} groups and ${components.length} components.`);
  // The incidents list may hold the maintenances too (they have a window): those come from /incidents/scheduled.
  const realtime = (await client.getAll("/incidents")).filter(
    (i) => !(i as { scheduled_for?: unknown } | null)?.scheduled_for,
  );
  const incidents = parseIncidents(realtime, "incident", skipped);
  const maintenances = parseIncidents(await client.getAll("/incidents/scheduled"), "maintenance", skipped);
  progress?.(`Read ${incidents.length} incidents and ${maintenances.length} maintenances.`);
  const templates = parseTemplates(await client.getAll("/incident_templates"), skipped);
  const subscribers = parseSubscribers(await client.getAll("/subscribers"), skipped);
  progress?.(`Read ${templates.length} templates and ${subscribers.length} subscribers.`);
  const data: SourceData = {
    source: `statuspage:${pageId}`,
    page,
    groups,
    components,
    incidents: [...incidents, ...maintenances],
    templates,
    subscribers,
    skipped,
    notAvailable: ["subscribers not yet confirmed and quarantined ones (Statuspage lists active subscribers)"],
    listsEveryIncident: true,
  };
  return data;
}
