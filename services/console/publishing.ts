// The console's view of static publishing (settings area): each configured target with its last successful
// publish, duration, objects changed and last error, and "Publish now".
import type { Db } from "@/db";
import { listPublishTargetStatus } from "@/db/queries/publish";
import { requestPublish } from "@/db/writes/publish";
import { assertCan, type Actor } from "@/core/actor";
import { ConfigError } from "@/core/config";
import { FAILING_ALERT_MS } from "@/core/publish-schedule";
import { getPublishConfig } from "@/services/publish/config";
import { audit } from "./audit";

export interface PublishTargetView {
  name: string;
  where: string;
  lastSuccessAt: number | null;
  lastDurationMs: number | null;
  lastObjectsChanged: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  failingSince: number | null;
  /** Failing for more than 5 minutes: shown on the console overview too. */
  alarming: boolean;
  requested: boolean;
}

export type PublishingView =
  { configured: false; problem?: string } | { configured: true; baseUrl?: string; targets: PublishTargetView[] };

export function publishingView(db: Db, now = Date.now()): PublishingView {
  let config;
  try {
    config = getPublishConfig();
  } catch (err) {
    if (err instanceof ConfigError) return { configured: false, problem: err.message };
    throw err;
  }
  if (!config.targets.length) return { configured: false };
  const rows = new Map(listPublishTargetStatus(db).map((r) => [r.name, r]));
  return {
    configured: true,
    baseUrl: config.baseUrl,
    targets: config.targets.map((t) => {
      const row = rows.get(t.name);
      return {
        name: t.name,
        where: t.describe,
        lastSuccessAt: row?.lastSuccessAt ?? null,
        lastDurationMs: row?.lastDurationMs ?? null,
        lastObjectsChanged: row?.lastObjectsChanged ?? null,
        lastError: row?.failingSince ? (row.lastError ?? null) : null,
        lastErrorAt: row?.lastErrorAt ?? null,
        failingSince: row?.failingSince ?? null,
        alarming: row?.failingSince != null && now - row.failingSince > FAILING_ALERT_MS,
        requested: row?.requestedAt != null,
      };
    }),
  };
}

/** "Publish now": the server's publisher takes every configured target on its next tick (within 2 s). */
export function requestPublishNow(db: Db, actor: Actor, now: number): number {
  assertCan(actor, "settings.write");
  const names = getPublishConfig().targets.map((t) => t.name);
  db.transaction((tx) => {
    requestPublish(tx, names, now);
    audit(tx, actor, now, "publish.request", null, { targets: names });
  });
  return names.length;
}
