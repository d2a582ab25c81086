// Fetches the site from the running app over HTTP: from inside the server, its own public listener (so the
// copy is exactly what visitors get, from the same page cache); from the CLI, the server's address.
import { PRIVATE_CACHE_CONTROL } from "@/services/page-cache";
import { PUBLISHER_KEY_HEADER } from "@/services/server/request-pipeline";
import http from "node:http";
import type { Fetched, SiteFetcher } from "./site";

const MAX_BYTES = 25 * 1024 * 1024;
const TIMEOUT_MS = 60_000;
/** Like the page cache's render requests, a User-Agent, so Next puts the metadata in <head>. */
const USER_AGENT = "StatusPagePublisher/1 (services/publish)";

/**
 * `publisherKey`: the server's STATUS_PUBLISHER_KEY, so its pages are read without filling the visitors' cache.
 * Only for a source that is that server: the key goes in every request.
 */
export function httpFetcher(sourceUrl: string, hostHeader?: string, publisherKey?: string): SiteFetcher {
  const source = new URL(sourceUrl);
  if (source.protocol !== "http:")
    throw new Error(`The publisher fetches from the app over plain HTTP, not ${source.protocol}`);
  // An agent of its own: keep-alive within one publish, and no idle socket shared with anything else.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8, timeout: TIMEOUT_MS });
  return (url) =>
    new Promise<Fetched>((resolve, reject) => {
      const request = http.get(
        {
          host: source.hostname.replace(/^\[|\]$/g, ""),
          port: source.port || 80,
          path: url,
          // No cookies: the copy is the anonymous view.
          headers: {
            host: hostHeader ?? source.host,
            accept: "text/html,*/*",
            "accept-encoding": "identity",
            "user-agent": USER_AGENT,
            ...(publisherKey ? { [PUBLISHER_KEY_HEADER]: publisherKey } : {}),
          },
          timeout: TIMEOUT_MS,
          agent,
        },
        (response) => {
          // An internal copy (the cache marks each one PRIVATE_CACHE_CONTROL) must never reach a public target:
          // the publisher would only get one if its own address counted as an allowed network (the IP allow-list
          // covering loopback). Next's own "private, no-cache, no-store, ..." on uncached pages is not that mark.
          if (String(response.headers["cache-control"] ?? "") === PRIVATE_CACHE_CONTROL) {
            response.resume();
            return reject(
              new Error(
                `${url} came back as a private (internal) copy; the publisher copies only the anonymous view: take loopback out of the IP allow-list`,
              ),
            );
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (c: Buffer) => {
            size += c.length;
            if (size > MAX_BYTES) request.destroy(new Error(`${url} is larger than ${MAX_BYTES} bytes`));
            else chunks.push(c);
          });
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 500,
              contentType: String(response.headers["content-type"] ?? "application/octet-stream"),
              body: Buffer.concat(chunks),
            }),
          );
          response.on("error", reject);
        },
      );
      request.on("timeout", () =>
        request.destroy(new Error(`The app did not answer ${url} within ${TIMEOUT_MS / 1000} s`)),
      );
      request.on("error", (err: NodeJS.ErrnoException) =>
        reject(
          err.code === "ECONNREFUSED"
            ? new Error(
                `The app is not running at ${source.origin} (start it with npm start, or set PUBLISH_SOURCE_URL)`,
              )
            : err,
        ),
      );
    });
}
