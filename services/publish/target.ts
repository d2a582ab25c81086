// A place the static copy is written to. The publisher (publish.ts) only puts, deletes and keeps a manifest;
// each kind of target (folder.ts, s3.ts) says how.
export interface PublishObject {
  key: string;
  body: Buffer;
  contentType: string;
  cacheControl: string;
}

/** What the target holds, by key: the hash of each object's content (before its "published at" line). */
export type Manifest = Record<string, { hash: string; size: number; url?: string }>;

/** The manifest's own key in the target. */
export const MANIFEST_KEY = "publish-manifest.json";

export interface PublishTarget {
  /** Stable name, shown in the console and used as the status row's key ("folder", "s3"). */
  name: string;
  /** What people call it, when they named it (a target added in the console). */
  label?: string;
  /** Where, for people ("/srv/status", "s3://bucket/prefix"): never a credential. */
  describe: string;
  /** The manifest the last publish left, or an empty one for a new (or emptied) target. */
  readManifest(): Promise<Manifest>;
  /** Housekeeping before a full publish, under the target's lease (the folder's stale temporary files). */
  prepare?(runStartedAt: number): Promise<void>;
  writeManifest(manifest: Manifest): Promise<void>;
  put(object: PublishObject): Promise<void>;
  /** Removing an object that is already gone is not an error. */
  remove(key: string): Promise<void>;
}
