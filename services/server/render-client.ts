// How the page cache gets a page from Next: a plain anonymous GET over loopback to the internal listener (or
// the render worker), carrying the audience the gate decided and the per-start key that makes the routes
// believe it (services/viewers/request.ts).
import http from "node:http";
import type { Audience } from "@/db/constants";
import { NOT_FOUND_PATH, splitLocalePath } from "@/core/i18n/paths";
import { PRIVATE_CACHE_CONTROL, splitAudienceKey, type Rendered } from "@/services/page-cache";
import { RENDER_AUDIENCE_HEADER, RENDER_KEY_HEADER } from "@/services/viewers/policy";

/** Sent with every render request; matched by htmlLimitedBots (next.config.ts). */
export const RENDER_USER_AGENT = "StatusPageCache/1 (server.ts)";

/** Response headers of a route that a cached copy must keep (the public API allows any origin). */
const PASSTHROUGH = /^(access-control-|content-disposition$|location$)/;

export interface RenderTarget {
  /** The loopback port to ask: the render worker's, or the internal listener's when the worker is down. */
  port(): number;
  /** Made at start (server.ts); the routes believe a render request's audience only with it. */
  renderKey: string;
}

export function fetchRendered(
  target: RenderTarget,
  path: string,
  host: string | undefined,
  audience: Audience = "public",
): Promise<Rendered> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      // No cookies or auth are forwarded: cached pages are the anonymous view. The User-Agent is what makes
      // Next put the metadata in <head> (with htmlLimitedBots in next.config.ts; an empty one gets it streamed).
      {
        host: "127.0.0.1",
        port: target.port(),
        path,
        headers: {
          host: host ?? "localhost",
          accept: "text/html,*/*",
          "accept-encoding": "identity",
          "user-agent": RENDER_USER_AGENT,
          // The audience this copy is for, decided by the gate; "public" also keeps the loopback address
          // from counting as an allowed IP.
          [RENDER_AUDIENCE_HEADER]: audience,
          [RENDER_KEY_HEADER]: target.renderKey,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 500,
            contentType: String(response.headers["content-type"] ?? "text/html"),
            body: Buffer.concat(chunks),
            headers: Object.fromEntries(
              Object.entries(response.headers)
                .filter(([name]) => PASSTHROUGH.test(name))
                .map(([name, value]) => [name, String(value)]),
            ),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
  });
}

/** The PageStore's render function: one cache key (audience and path) to the response its copy is made of. */
export function pageRenderer(target: RenderTarget) {
  return async (key: string, host: string | undefined): Promise<Rendered> => {
    const { audience, path } = splitAudienceKey(key);
    let rendered = await fetchRendered(target, path, host, audience);
    // notFound() in a dynamic page gets an empty error shell that Next's client JS fills in; we send no
    // framework JS, so a 404 gets the static not-found page (what an unknown path gets) instead.
    if (rendered.status === 404 && rendered.contentType.startsWith("text/html")) {
      // In the language of the path that was not found: /de/incidents/gone gets the German page.
      const locale = splitLocalePath(path.split("?")[0]).locale;
      const probe = locale ? `/${locale}${NOT_FOUND_PATH}` : NOT_FOUND_PATH;
      rendered = { ...(await fetchRendered(target, probe, host, audience)), status: 404 };
    }
    if (audience === "internal") rendered.headers["cache-control"] = PRIVATE_CACHE_CONTROL;
    return rendered;
  };
}
