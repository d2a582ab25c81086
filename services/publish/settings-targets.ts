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

/** A target that cannot be built (its secret no longer opens): every publish to it fails with the reason. */
function unusable(row: PublishTargetConfig, reason: string): PublishTarget {
  const fail = async (): Promise<never> => {
    throw new Error(reason);
  };
  return {
    name: `${row.kind}:${row.id}`,
    label: row.name,
    describe: row.kind === "folder" ? (row.folder ?? "") : `s3://${row.bucket}`,
    readManifest: fail,
    writeManifest: fail,
    put: fail,
    remove: fail,
  };
}

/** A function returning the current settings targets (the same objects while nothing changed). */
export function settingsTargetSource(db: Db, box: SecretBox): () => PublishTarget[] {
  let version: string | undefined;
  let targets: PublishTarget[] = [];
  return () => {
    const now = publishTargetConfigsVersion(db);
    if (now !== version) {
      targets = listPublishTargetConfigs(db).map((row) => {
        try {
          return targetOfConfig(row, box);
        } catch (err) {
          return unusable(row, (err as Error).message);
        }
      });
      version = now;
    }
    return targets;
  };
}
