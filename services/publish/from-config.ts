// A publish run as configured: the targets from the environment and from the console (settings), the page
// cache's addresses, and a fetcher reading the site from the running app at `sourceUrl`.
import path from "node:path";
import type { Db } from "@/db";
import { secretBox } from "@/services/secrets/box";
import { getConfig } from "@/core/config";
import { getPublishConfig } from "./config";
import { httpFetcher } from "./http-fetcher";
import { startPublisher } from "./job";
import { settingsTargetSource } from "./settings-targets";
import type { PublishTarget } from "./target";
import type { PublishRun } from "./publish";

/** Where this machine reaches a server listening on `host`: a wildcard address means loopback. */
export function loopbackSource(host: string, port: number): string {
  const h = host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}`;
}

/** The server's key for sealed secrets: SECRETS_KEY, or secrets.key beside the database. */
export function serverSecretBox() {
  return secretBox({ dataFolder: path.dirname(getConfig().databasePath) });
}

/** The environment's targets and the console's, as they are now. */
export function currentTargetSource(db: Db): () => PublishTarget[] {
  const fromEnv = getPublishConfig().targets;
  const fromSettings = settingsTargetSource(db, serverSecretBox());
  return () => [...fromEnv, ...fromSettings()];
}

export function configuredPublishRun(db: Db, sourceUrl?: string): PublishRun | undefined {
  const publish = getPublishConfig();
  const targets = currentTargetSource(db)();
  if (!targets.length) return undefined;
  const config = getConfig();
  const source = sourceUrl ?? publish.sourceUrl ?? loopbackSource(config.host, config.port);
  return {
    db,
    // The key when this process shares the server's (STATUS_PUBLISHER_KEY set for both): see server.ts.
    fetcher: httpFetcher(source, undefined, process.env.STATUS_PUBLISHER_KEY || undefined),
    targets,
    origin: config.publicUrl,
    origins: [config.publicUrl, source],
    baseUrl: publish.baseUrl,
  };
}

/**
 * Starts background publishing from this server. Always: a target added in the console is published from the
 * next tick on, without a restart (with none, a tick reads one small table and stops).
 */
export function startConfiguredPublisher(db: Db) {
  const publish = getPublishConfig();
  const config = getConfig();
  const source = publish.sourceUrl ?? loopbackSource(config.host, config.port);
  const targetSource = currentTargetSource(db);
  const targets = targetSource();
  if (targets.length) console.log(`Publishing the site to ${targets.map((t) => t.describe).join(" and ")}`);
  return startPublisher({
    db,
    // This server's own key (server.ts), only when the source is this server: never sent elsewhere.
    fetcher: httpFetcher(source, undefined, publish.sourceUrl ? undefined : process.env.STATUS_PUBLISHER_KEY),
    targets,
    targetSource,
    origin: config.publicUrl,
    origins: [config.publicUrl, source],
    baseUrl: publish.baseUrl,
  });
}
