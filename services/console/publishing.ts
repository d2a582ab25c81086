// The console's view of static publishing (settings area): each configured target with its last successful
// publish, duration, objects changed and last error, and "Publish now".
import type { Db } from "@/db";
import { listPublishTargetConfigs, listPublishTargetStatus } from "@/db/queries/publish";
import { requestPublish } from "@/db/writes/publish";
import { assertCan, type Actor } from "@/core/actor";
import { ConfigError } from "@/core/config";
import { FAILING_ALERT_MS } from "@/core/publish-schedule";
import { getPublishConfig } from "@/services/publish/config";
import { s3Where } from "@/services/storage/s3";
import { audit } from "./audit";

export interface PublishTargetView {
  name: string;
  /** "Folder", "S3 bucket", or the name given in the console. */
  label: string;
  kind: "folder" | "s3";
  /** Set for a target added in the console: it can be edited, tested and removed there. */
  settings?: SettingsTargetFields;
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

/** A console target's fields for its edit form: never its secret, only whether one is stored. */
export interface SettingsTargetFields {
  id: string;
  name: string;
  kind: "folder" | "s3";
  folder: string;
  bucket: string;
  prefix: string;
  region: string;
  endpoint: string;
  accessKeyId: string;
  hasSecret: boolean;
  forcePathStyle: boolean;
}

export type PublishingView =
  | { configured: false; problem?: string }
  | { configured: true; baseUrl?: string; targets: PublishTargetView[]; problem?: string };

function settingsTargets(db: Db): { name: string; where: string; fields: SettingsTargetFields }[] {
  return listPublishTargetConfigs(db).map((row) => ({
    name: `${row.kind}:${row.id}`,
    where:
      row.kind === "folder"
        ? (row.folder ?? "")
        : `${s3Where({ bucket: row.bucket ?? "", prefix: row.prefix })}${row.endpoint ? ` at ${row.endpoint}` : ""}`,
    fields: {
      id: row.id,
      name: row.name,
      kind: row.kind,
      folder: row.folder ?? "",
      bucket: row.bucket ?? "",
      prefix: row.prefix,
      region: row.region,
      endpoint: row.endpoint ?? "",
      accessKeyId: row.accessKeyId ?? "",
      hasSecret: Boolean(row.secretSealed),
      forcePathStyle: row.forcePathStyle,
    },
  }));
}

export function publishingView(db: Db, now = Date.now()): PublishingView {
  let config;
  let problem: string | undefined;
  try {
    config = getPublishConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problem = err.message;
  }
  const fromEnv = (config?.targets ?? []).map((t) => ({
    name: t.name,
    where: t.describe,
    kind: (t.name === "s3" ? "s3" : "folder") as "folder" | "s3",
    label: t.name === "s3" ? "S3 bucket" : "Folder",
    settings: undefined,
  }));
  const fromSettings = settingsTargets(db).map((t) => ({
    name: t.name,
    where: t.where,
    kind: t.fields.kind,
    label: t.fields.name,
    settings: t.fields,
  }));
  const all = [...fromEnv, ...fromSettings];
  if (!all.length) return { configured: false, problem };
  const rows = new Map(listPublishTargetStatus(db).map((r) => [r.name, r]));
  return {
    configured: true,
    baseUrl: config?.baseUrl,
    problem,
    targets: all.map((t) => {
      const row = rows.get(t.name);
      return {
        ...t,
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
  const names = [...getPublishConfig().targets.map((t) => t.name), ...settingsTargets(db).map((t) => t.name)];
  db.transaction((tx) => {
    requestPublish(tx, names, now);
    audit(tx, actor, now, "publish.request", null, { targets: names });
  });
  return names.length;
}
