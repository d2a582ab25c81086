// A publish run as configured: the targets from the environment, the page cache's addresses, and a fetcher
// reading the site from the running app at `sourceUrl`.
import type { Db } from "@/db";
import { getConfig } from "@/core/config";
import { getPublishConfig } from "./config";
import { httpFetcher } from "./http-fetcher";
import { startPublisher } from "./job";
import type { PublishRun } from "./publish";

/** Where this machine reaches a server listening on `host`: a wildcard address means loopback. */
export function loopbackSource(host: string, port: number): string {
  const h = host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}`;
}

export function configuredPublishRun(db: Db, sourceUrl?: string): PublishRun | undefined {
  const publish = getPublishConfig();
  if (!publish.targets.length) return undefined;
  const config = getConfig();
  const source = sourceUrl ?? publish.sourceUrl ?? loopbackSource(config.host, config.port);
  return {
    db,
    fetcher: httpFetcher(source),
    targets: publish.targets,
    origin: config.publicUrl,
    origins: [config.publicUrl, source],
    baseUrl: publish.baseUrl,
  };
}

/** Starts background publishing from this server, if any target is configured. */
export function startConfiguredPublisher(db: Db) {
  const run = configuredPublishRun(db);
  if (!run) return undefined;
  console.log(`Publishing the site to ${run.targets.map((t) => t.describe).join(" and ")}`);
  return startPublisher(run);
}
