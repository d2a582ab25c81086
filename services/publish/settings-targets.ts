// The static-copy targets kept in settings (the console's), as the publisher uses them: each row a folder or an
// S3 target named `<kind>:<id>` (its status row's key), its secret opened with the server's key. The source
// rebuilds the list only when a row changed, so the publisher follows the console without a restart and without
// making new S3 clients every tick.
import type { Db } from "@/db";
import { listPublishTargetConfigs, publishTargetConfigsVersion } from "@/db/queries/publish";
import type { PublishTargetConfig } from "@/db/schema";
import type { SecretBox } from "@/services/secrets/box";
import { folderTarget } from "./folder";
import { s3Target } from "./s3";
import type { PublishTarget } from "./target";

export function targetOfConfig(row: PublishTargetConfig, box: SecretBox): PublishTarget {
  const base =
    row.kind === "folder"
      ? folderTarget(row.folder ?? "")
      : s3Target({
          bucket: row.bucket ?? "",
          prefix: row.prefix,
          region: row.region,
          endpoint: row.endpoint ?? undefined,
          accessKeyId: row.accessKeyId ?? undefined,
          secretAccessKey: row.secretSealed ? box.open(row.secretSealed) : undefined,
          forcePathStyle: row.forcePathStyle,
        });
  return { ...base, name: `${row.kind}:${row.id}`, label: row.name };
}

/** A function returning the current settings targets (the same objects while nothing changed). */
export function settingsTargetSource(db: Db, box: SecretBox): () => PublishTarget[] {
  let version: string | undefined;
  let targets: PublishTarget[] = [];
  return () => {
    const now = publishTargetConfigsVersion(db);
    if (now !== version) {
      targets = listPublishTargetConfigs(db).map((row) => targetOfConfig(row, box));
      version = now;
    }
    return targets;
  };
}
