// `--from-url`: what a public Statuspage page offers without a key, through its /api/v2 (components and
// groups, the recent incidents and maintenances). Everything else is named in `notAvailable`. Redirects are
// not followed.
import type { ResolvedAddress } from "@/services/webhooks/url-guard";
import { SourceError } from "./errors";
import { httpGet } from "./http-get";
import { parseComponents, parseIncidents, parsePage, type Skip, type SourceData } from "./source";

async function getJson(base: string, path: string, addresses?: ResolvedAddress[]): Promise<Record<string, unknown>> {
  let res: { status: number; body: string };
  try {
    res = await httpGet(new URL(`${base}/api/v2/${path}`), { addresses });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SourceError(
      `Cannot read ${base}/api/v2/${path} (${code ? `${code}: ` : ""}${err instanceof Error ? err.message : String(err)}). Nothing was written.`,
    );
  }
  if (res.status < 200 || res.status >= 300)
    throw new SourceError(`${base}/api/v2/${path} answered HTTP ${res.status}: is it a Statuspage page?`);
  try {
    const body = JSON.parse(res.body);
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new SourceError(`${base}/api/v2/${path} did not answer Statuspage JSON: is it a Statuspage page?`);
}

export function normaliseBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceError(`--from-url: "${url}" is not a URL (e.g. https://status.example.com).`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new SourceError(`--from-url: only http and https pages can be read.`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

/**
 * `addresses`: the addresses the SSRF guard checked for the URL's host (the console); every request connects
 * to one of them and the host name is not resolved again. Without them (the command line) it is resolved.
 */
export async function readPublicPage(url: string, addresses?: ResolvedAddress[]): Promise<SourceData> {
  const base = normaliseBaseUrl(url);
  const skipped: Skip[] = [];
  const components = await getJson(base, "components.json", addresses);
  const incidents = await getJson(base, "incidents.json", addresses);
  const maintenances = await getJson(base, "scheduled-maintenances.json", addresses);
  const page = parsePage(components.page);
  if (!page || !Array.isArray(components.components))
    throw new SourceError(`${base}/api/v2/components.json has no page or components: is it a Statuspage page?`);
  const parsed = parseComponents(components.components as unknown[], [], skipped);
  return {
    source: `statuspage-url:${base}`,
    page: {
      ...page,
      url:
        typeof (components.page as { url?: unknown }).url === "string"
          ? (components.page as { url: string }).url
          : null,
      supportUrl: null,
    },
    ...parsed,
    incidents: [
      ...parseIncidents((incidents.incidents as unknown[]) ?? [], "incident", skipped),
      ...parseIncidents((maintenances.scheduled_maintenances as unknown[]) ?? [], "maintenance", skipped),
    ],
    templates: [],
    subscribers: [],
    skipped,
    notAvailable: [
      "subscribers (the public API does not list them: import with the page id and an API key)",
      "incident templates",
      "incidents and maintenances older than the 50 most recent",
      "postmortems",
      "the page's support URL",
    ],
    listsEveryIncident: false,
  };
}
