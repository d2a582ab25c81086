// A fake Statuspage on 127.0.0.1 for the importer's tests: the v1 management API (OAuth key, page/per_page
// paging, a fixed-window rate limit answering 429 with Retry-After and X-RateLimit-* headers) and the public
// /api/v2 of the same page, over the data of statuspage-fixture.ts. Knobs: a 429 storm, dropped connections.
import http from "node:http";
import { ENDED_MAINTENANCE_STATUSES, RESOLVED_INCIDENT_STATUSES } from "@/db/constants";
import type { AddressInfo } from "node:net";
import {
  makeStatuspageFixture,
  type FixtureOptions,
  type SpComponent,
  type StatuspageData,
} from "./statuspage-fixture";

export interface FakeStatuspageOptions extends FixtureOptions {
  port?: number;
  apiKey?: string;
  /** Requests allowed per window (Statuspage: about 1 per second); 0 disables the limit. */
  rateLimit?: number;
  windowMs?: number;
}

export interface FakeStatuspage {
  /** The v1 base, as STATUSPAGE_API_URL takes it: http://127.0.0.1:PORT/v1 */
  apiUrl: string;
  /** The public page, whose /api/v2 --from-url reads. */
  publicUrl: string;
  pageId: string;
  apiKey: string;
  data: StatuspageData;
  /** The next `count` requests answer 429 whatever the window says. */
  storm(count: number): void;
  /** The next `count` requests lose their connection unanswered. */
  dropNext(count: number): void;
  /** Drop every request whose path contains `fragment` (null: stop). */
  dropMatching(fragment: string | null): void;
  requests(): string[];
  close(): Promise<void>;
}

const MAX_PER_PAGE = 100;

export async function startFakeStatuspage(options: FakeStatuspageOptions = {}): Promise<FakeStatuspage> {
  const data = makeStatuspageFixture(options);
  const apiKey = options.apiKey ?? "sp-test-key-0123456789";
  const limit = options.rateLimit ?? 0;
  const windowMs = options.windowMs ?? 1000;
  let windowStart = 0;
  let windowCount = 0;
  let storm = 0;
  let drops = 0;
  let dropFragment: string | null = null;
  const log: string[] = [];

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    // No keep-alive: a test's long pause between requests must not meet a socket the server just timed out.
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", connection: "close", ...headers });
    res.end(JSON.stringify(body));
  };

  function limited(now: number): Record<string, string> | null {
    const reset = (ms: number) => ({
      "retry-after": String(Math.max(1, Math.ceil(ms / 1000))),
      "x-ratelimit-limit": String(limit || 1),
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(Math.ceil((now + ms) / 1000)),
    });
    if (storm > 0) {
      storm--;
      return reset(windowMs);
    }
    if (limit <= 0) return null;
    if (now >= windowStart + windowMs) {
      windowStart = now;
      windowCount = 0;
    }
    if (windowCount >= limit) return reset(windowStart + windowMs - now);
    windowCount++;
    return null;
  }

  function paged<T>(url: URL, rows: T[]): T[] {
    const page = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
    const per = Math.min(MAX_PER_PAGE, Math.max(1, Number(url.searchParams.get("per_page") ?? MAX_PER_PAGE) || 1));
    return rows.slice((page - 1) * per, page * per);
  }

  /** The v1 components list holds the groups too, as rows with group: true and their members' ids. */
  function componentRows(): SpComponent[] {
    const groups: SpComponent[] = data.groups.map((g) => ({
      id: g.id,
      page_id: g.page_id,
      group_id: null,
      created_at: g.created_at,
      updated_at: g.updated_at,
      group: true,
      name: g.name,
      description: g.description,
      position: g.position,
      status: "operational",
      showcase: false,
      only_show_if_degraded: false,
      automation_email: "",
      start_date: null,
      components: g.components,
    }));
    return [...groups, ...data.components];
  }

  function v1(url: URL, rest: string[], res: http.ServerResponse) {
    const [resource, sub] = rest;
    const lists: Record<string, () => unknown[]> = {
      components: componentRows,
      "component-groups": () => data.groups,
      incidents: () => (sub === "scheduled" ? data.maintenances : data.incidents),
      incident_templates: () => data.templates,
      subscribers: () => {
        const type = url.searchParams.get("type");
        const state = url.searchParams.get("state") ?? "active";
        return data.subscribers.filter(
          (s) =>
            (!type || s.mode === type) &&
            (state === "all" || (state === "quarantined" ? s.quarantined_at !== null : s.quarantined_at === null)),
        );
      },
    };
    if (resource === undefined) return send(res, 200, data.page);
    const list = lists[resource];
    if (!list || (sub && !(resource === "incidents" && sub === "scheduled")))
      return send(res, 404, { error: "The requested resource could not be found." });
    send(res, 200, paged(url, list()));
  }

  /** The public v2 summary and lists, as a Statuspage-hosted page answers them (recent items only). */
  function v2(endpoint: string, res: http.ServerResponse) {
    const page = { id: data.page.id, name: data.page.name, url: `https://${data.page.domain}`, time_zone: "Etc/UTC" };
    const components = componentRows().map((c) => ({ ...c, automation_email: undefined }));
    const recent = data.incidents.slice(0, 50).map((i) => ({ ...i, postmortem_body: undefined }));
    const ended: readonly string[] = [...RESOLVED_INCIDENT_STATUSES, ...ENDED_MAINTENANCE_STATUSES];
    const open = (s: string) => !ended.includes(s);
    const bodies: Record<string, unknown> = {
      "summary.json": {
        page,
        components,
        incidents: recent.filter((i) => open(i.status)),
        scheduled_maintenances: data.maintenances.filter((m) => open(m.status)),
        status: { indicator: "minor", description: "Partially Degraded Service" },
      },
      "components.json": { page, components },
      "incidents.json": { page, incidents: recent },
      "scheduled-maintenances.json": { page, scheduled_maintenances: data.maintenances.slice(0, 50) },
    };
    if (!(endpoint in bodies)) return send(res, 404, { error: "Not found" });
    send(res, 200, bodies[endpoint]);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    log.push(url.pathname + url.search);
    if (drops > 0 || (dropFragment && url.pathname.includes(dropFragment))) {
      if (drops > 0) drops--;
      req.socket.destroy();
      return;
    }
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts[0] === "api" && parts[1] === "v2") return v2(parts.slice(2).join("/"), res);
    const wait = limited(Date.now());
    if (wait) return send(res, 429, { error: "Rate limit exceeded. Retry later." }, wait);
    if (parts[0] !== "v1" || parts[1] !== "pages") return send(res, 404, { error: "Not found" });
    const auth = req.headers.authorization ?? "";
    const key = auth.startsWith("OAuth ") ? auth.slice(6) : url.searchParams.get("api_key");
    if (key !== apiKey) return send(res, 401, { error: "Could not authenticate" });
    if (parts[2] !== data.page.id) return send(res, 404, { error: "The requested resource could not be found." });
    v1(url, parts.slice(3), res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/v1`,
    publicUrl: `http://127.0.0.1:${port}`,
    pageId: data.page.id,
    apiKey,
    data,
    storm: (n) => void (storm = n),
    dropNext: (n) => void (drops = n),
    dropMatching: (f) => void (dropFragment = f),
    requests: () => [...log],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
