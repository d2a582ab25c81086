// Static-copy targets added in the console (Settings, Static copy): a folder or an S3-compatible bucket, besides
// the environment's. Owners and admins only ("settings.write"), validated per field, audited without secrets.
//
// The secret access key is a credential we must present, so it cannot be hashed: it is sealed at rest
// (services/secrets/box.ts), never shown again (an edit that leaves it blank keeps it), never logged, and left
// out of an installation export unless --with-secrets (services/backup/format.ts SECRET_COLUMNS).
//
// TRUST BOUNDARY, as for monitors (services/monitors/config.ts): the endpoint may be a private or loopback
// address (a MinIO on the same network is a normal setup), because only owners and admins set it. It must be
// http(s), without credentials, query or fragment in the URL. The folder is an absolute path the server writes to.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db";
import { findPublishTargetConfig, listPublishTargetConfigs } from "@/db/queries/publish";
import {
  deletePublishTargetConfig,
  insertPublishTargetConfig,
  updatePublishTargetConfig,
  type PublishTargetFields,
} from "@/db/writes/publish-target-configs";
import { LIMITS } from "@/db/constants";
import { assertCan, type Actor } from "@/core/actor";
import { notFound } from "@/core/errors";
import { singleLine, textCharacterProblem } from "@/core/text-input";
import { targetOfConfig } from "@/services/publish/settings-targets";
import type { SecretBox } from "@/services/secrets/box";
import { BUCKET_RULE, PREFIX_RULE, REGION_RULE } from "@/services/storage/s3";
import { audit } from "./audit";

/** More would be a mistake, and each one is published on every change. */
export const MAX_SETTINGS_TARGETS = 10;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const trimmed = (max: number) =>
  z.preprocess(
    blank,
    singleLine(
      z
        .string()
        .trim()
        .max(max, { error: `Use at most ${max} characters` }),
    ).optional(),
  );

function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter the S3 API's address, an http:// or https:// URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Enter an http:// or https:// URL";
  if (url.username || url.password) return "Leave credentials out of the URL: use the key fields";
  if (url.search || url.hash) return "Give the address without a query or fragment";
  return undefined;
}

export const publishTargetSchema = z
  .object({
    name: z.preprocess(
      (v) => (typeof v === "string" ? v : ""),
      singleLine(
        z.string().trim().min(1, { error: "Give the target a name" }).max(60, { error: "Use at most 60 characters" }),
      ),
    ),
    kind: z.enum(["folder", "s3"], { error: "Choose a folder or an S3-compatible bucket" }),
    folder: trimmed(1000),
    bucket: trimmed(63),
    prefix: trimmed(200),
    region: trimmed(40),
    endpoint: trimmed(LIMITS.url),
    accessKeyId: trimmed(128),
    secretAccessKey: z.preprocess(blank, z.string().max(256, { error: "Use at most 256 characters" }).optional()),
    forcePathStyle: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  })
  .superRefine((v, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
    if (v.kind === "folder") {
      if (!v.folder) issue("folder", "Give the folder's absolute path, e.g. /srv/status-copy");
      else if (!path.isAbsolute(v.folder)) issue("folder", "Give an absolute path, e.g. /srv/status-copy");
      else if (v.folder.split(/[\\/]/).includes("..")) issue("folder", "Give the path without ..");
      return;
    }
    if (!v.bucket || !BUCKET_RULE.test(v.bucket))
      issue("bucket", "Give a bucket name: 3-63 lowercase letters, digits, dots and hyphens");
    if (v.prefix && (!PREFIX_RULE.test(v.prefix) || v.prefix.split("/").includes("..")))
      issue("prefix", "Give a folder in the bucket such as status or site/status");
    if (v.region && !REGION_RULE.test(v.region)) issue("region", "Give a region such as us-east-1, or auto for R2");
    const endpoint = v.endpoint && endpointProblem(v.endpoint);
    if (endpoint) issue("endpoint", endpoint);
    if (v.accessKeyId && !/^[A-Za-z0-9_.+/=-]+$/.test(v.accessKeyId))
      issue("accessKeyId", "An access key id is letters and digits");
    if (v.secretAccessKey && textCharacterProblem(v.secretAccessKey, false))
      issue("secretAccessKey", "The secret has characters a key never has");
  });

export type PublishTargetInput = Record<string, unknown>;
export type SaveResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

const firstErrors = (err: z.ZodError) =>
  Object.fromEntries(
    Object.entries(z.flattenError(err).fieldErrors as Record<string, string[] | undefined>).flatMap(([k, v]) =>
      v?.[0] ? [[k, v[0]]] : [],
    ),
  );

/** Creates (no `id`) or edits a target. A blank secret on an edit keeps the stored one. */
export function savePublishTarget(
  db: Db,
  actor: Actor,
  box: SecretBox,
  input: PublishTargetInput,
  now: number,
  id?: string,
): SaveResult {
  assertCan(actor, "settings.write");
  const parsed = publishTargetSchema.safeParse(input);
  const existing = id ? findPublishTargetConfig(db, id) : undefined;
  if (id && !existing) throw notFound("That target");
  const errors: Record<string, string> = parsed.success ? {} : firstErrors(parsed.error);
  const v = parsed.success ? parsed.data : undefined;
  // From the raw fields, so the pair is checked even while other fields are wrong.
  const raw = (k: string) => (typeof input[k] === "string" ? (input[k] as string).trim() : "");
  if (input.kind === "s3" && raw("accessKeyId") && !raw("secretAccessKey") && !existing?.secretSealed)
    errors.secretAccessKey ??= "Give the secret access key that goes with the key id";
  if (input.kind === "s3" && !raw("accessKeyId") && raw("secretAccessKey"))
    errors.accessKeyId ??= "Give the access key id that goes with the secret";
  const others = listPublishTargetConfigs(db).filter((t) => t.id !== id);
  if (v && others.some((t) => t.name.toLowerCase() === v.name.toLowerCase()))
    errors.name = "A target with this name already exists";
  if (!id && others.length >= MAX_SETTINGS_TARGETS) errors.name = `At most ${MAX_SETTINGS_TARGETS} targets`;
  if (!v || Object.keys(errors).length) return { ok: false, errors };

  const s3 = v.kind === "s3";
  const fields: PublishTargetFields = {
    name: v.name,
    kind: v.kind,
    folder: s3 ? null : path.resolve(v.folder!),
    bucket: s3 ? v.bucket! : null,
    prefix: s3 ? (v.prefix ?? "").replace(/^\/+|\/+$/g, "") : "",
    region: s3 ? (v.region ?? "us-east-1") : "us-east-1",
    endpoint: s3 ? (v.endpoint ?? null) : null,
    accessKeyId: s3 ? (v.accessKeyId ?? null) : null,
    secretSealed:
      s3 && v.accessKeyId ? (v.secretAccessKey ? box.seal(v.secretAccessKey) : existing!.secretSealed) : null,
    forcePathStyle: s3 && (v.forcePathStyle || Boolean(v.endpoint)),
  };
  const savedId = db.transaction((tx) => {
    const rowId = id ?? insertPublishTargetConfig(tx, fields, now);
    if (id) updatePublishTargetConfig(tx, id, fields, now);
    // What changed, never the secret: whether one is set is enough.
    const { secretSealed, ...shown } = fields;
    audit(tx, actor, now, id ? "publish_target.update" : "publish_target.create", null, {
      id: rowId,
      ...shown,
      secret: secretSealed ? (v.secretAccessKey ? "replaced" : "kept") : "none",
    });
    return rowId;
  });
  return { ok: true, id: savedId };
}

export function removePublishTarget(db: Db, actor: Actor, id: string, now: number): boolean {
  assertCan(actor, "settings.write");
  return db.transaction((tx) => {
    const row = findPublishTargetConfig(tx, id);
    if (!row) return false;
    deletePublishTargetConfig(tx, id);
    audit(tx, actor, now, "publish_target.delete", null, { id, name: row.name, kind: row.kind });
    return true;
  });
}

/** "Test connection": writes a small probe object where the copy goes and deletes it again. */
export async function testPublishTarget(
  db: Db,
  actor: Actor,
  box: SecretBox,
  id: string,
): Promise<{ ok: boolean; message: string }> {
  assertCan(actor, "settings.write");
  const row = findPublishTargetConfig(db, id);
  if (!row) throw notFound("That target");
  const key = `.publish-probe-${randomBytes(6).toString("hex")}.txt`;
  try {
    const target = targetOfConfig(row, box);
    if (row.kind === "folder") fs.mkdirSync(row.folder!, { recursive: true });
    await target.put({
      key,
      body: Buffer.from("status page connection test\n"),
      contentType: "text/plain",
      cacheControl: "no-store",
    });
    await target.remove(key);
    return { ok: true, message: `Connected: wrote and deleted a test object in ${target.describe}.` };
  } catch (err) {
    return { ok: false, message: `The test failed: ${(err as Error).message}` };
  }
}
