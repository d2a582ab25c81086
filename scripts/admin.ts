// `npm run admin -- <command>`: administration from the command line.
//   create-api-key --name <name> --role <read|editor|admin>   prints the key once
//   reset-password --email <address>                          sets a generated password, prints it once,
//                                                             and ends that member's sessions (for an owner
//                                                             locked out without email)
//   apply <status.yaml> [--yes] [--prune]   prints the plan; applies only with --yes; deletes only with --prune
//   export                                  prints today's services, groups, monitors and integrations as YAML
//   export --out <backup.json.gz> [--with-secrets]   the whole installation in one file (docs/installation-export.md)
//   import <backup.json.gz> [--force]       restores such a file into an empty installation
//   import statuspage --page-id <id> --api-key <key> [--yes] [--prune]   previews, with --yes imports a Statuspage
//                                                  page; --prune also removes what is gone at the source
//   import statuspage --from-url <public page> [--yes]         the same from its public /api/v2, without a key
//   backup                                  takes a snapshot into BACKUP_FOLDER and/or BACKUP_S3_BUCKET now
//                                           (and applies retention)
//   restore [<source>] <new database file> [--at <time>]   restores the newest snapshot (at or before --at)
//                                           from s3://bucket/prefix, "folder", "s3" or a folder (default: the
//                                           configured folder, else the bucket) into a new file, verified
//                                           (integrity check, migrations, counts) before use
//   publish [--from <url>]                  publishes the site to the configured targets now, reading it from
//                                           the running app (PUBLISH_SOURCE_URL, or this machine's PORT)
import { closeDb, DatabaseOpenError, getDb } from "@/db";
import { createApiKey } from "@/services/api-keys";
import { runApply, runExport } from "@/services/as-code/command";
import { runInstallationExport, runInstallationImport, snapshotSource, SourceError } from "@/services/backup/command";
import { runStatuspageImport } from "@/services/import/command";
import { resetPasswordByCommand } from "@/services/auth/password-reset";
import { ConfigError, getConfig } from "@/core/config";
import { SYSTEM } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { configuredPublishRun } from "@/services/publish/from-config";
import { describeOutcome } from "@/services/publish/job";
import { publishSite } from "@/services/publish/publish";
import { parseBackupConfig } from "@/services/backup/job";
import { pruneSnapshots, restoreSnapshot, RestoreRefused, takeSnapshotInto } from "@/services/backup/snapshots";

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const [command, ...args] = process.argv.slice(2);
const usage = [
  "Usage: npm run admin -- create-api-key --name <name> --role <read|editor|admin>",
  "       npm run admin -- reset-password --email <address>",
  "       npm run admin -- apply <status.yaml> [--yes] [--prune]",
  "       npm run admin -- export",
  "       npm run admin -- export --out <backup.json.gz> [--with-secrets]",
  "       npm run admin -- import <backup.json.gz> [--force]",
  "       npm run admin -- import statuspage (--page-id <id> --api-key <key> | --from-url <url>) [--yes] [--prune]",
  "       npm run admin -- publish [--from <url>]",
  "       npm run admin -- backup",
  "       npm run admin -- restore [<s3://bucket/prefix | folder | s3 | a folder>] <new database file> [--at <time>]",
].join("\n");

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  if (command === "create-api-key") {
    const { key } = createApiKey(
      getDb(),
      { ...SYSTEM, label: "automation" },
      { name: option(args, "name") ?? "", role: (option(args, "role") ?? "") as never },
    );
    closeDb();
    console.log(`Created the API key. It is shown once; store it now:\n${key}`);
    return;
  }
  if (command === "reset-password") {
    const email = option(args, "email")?.trim();
    if (!email) fail(`--email: Give the member's email address.\n${usage}`);
    const result = await resetPasswordByCommand(getDb(), email);
    closeDb();
    if (!result.ok) fail(result.message);
    console.log(`Set a new password for ${result.email} and signed out all of its sessions. It is shown once:`);
    console.log(`Password: ${result.password}`);
    console.log("Sign in with it, then change it under Your account (/admin/account).");
    return;
  }
  if ((command === "export" && option(args, "out")) || (command === "import" && args[0] && args[0] !== "statuspage")) {
    const result =
      command === "export"
        ? runInstallationExport(getDb(), option(args, "out")!, { withSecrets: args.includes("--with-secrets") })
        : runInstallationImport(getDb(), args[0], { force: args.includes("--force") });
    closeDb();
    (result.code === 0 ? console.log : console.error)(result.out);
    process.exit(result.code);
  }
  if (command === "apply" || command === "export") {
    if (command === "apply" && !args[0]) fail(usage, 2);
    const result =
      command === "apply"
        ? runApply(getDb(), args[0], { yes: args.includes("--yes"), prune: args.includes("--prune") })
        : runExport(getDb());
    closeDb();
    (result.code === 0 ? console.log : console.error)(result.out);
    process.exit(result.code);
  }
  if (command === "import" && args[0] === "statuspage") {
    const result = await runStatuspageImport(getDb(), {
      pageId: option(args, "page-id"),
      apiKey: option(args, "api-key") ?? getConfig().statuspageApiKey,
      fromUrl: option(args, "from-url"),
      yes: args.includes("--yes"),
      prune: args.includes("--prune"),
      log: (line) => console.log(line),
    });
    closeDb();
    (result.code === 0 ? console.log : console.error)(result.code === 2 ? `${result.out}\n${usage}` : result.out);
    process.exit(result.code);
  }
  if (command === "backup") {
    const { stores } = parseBackupConfig(process.env);
    if (!stores.length)
      fail("Neither BACKUP_FOLDER nor BACKUP_S3_BUCKET is set: they name where snapshots go (see .env.example).");
    const started = Date.now();
    const snapshots = await takeSnapshotInto(getDb(), stores, started);
    closeDb();
    for (const [i, snapshot] of snapshots.entries()) {
      const pruned = await pruneSnapshots(stores[i], Date.now());
      console.log(
        `Snapshot ${snapshot.file} (${snapshot.bytes} bytes compressed) in ${Date.now() - started} ms; ${pruned} old snapshot${pruned === 1 ? "" : "s"} removed.`,
      );
    }
    return;
  }
  if (command === "restore") {
    // restore [<s3://bucket/prefix | folder | s3 | a folder>] <new database file> [--at <time>]
    const positional = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--at");
    if (positional.length < 1 || positional.length > 2) fail(usage, 2);
    const [spec, destination] = positional.length === 2 ? positional : [undefined, positional[0]];
    const atText = option(args, "at");
    const at = atText === undefined ? undefined : Date.parse(atText);
    if (at !== undefined && Number.isNaN(at))
      fail(`--at: Give a time such as 2026-12-01T12:00Z (got ${JSON.stringify(atText)}).`);
    try {
      const source = snapshotSource(spec, process.env);
      const started = Date.now();
      const r = await restoreSnapshot(source, destination, at);
      console.log(
        `Restored ${r.snapshot.file} (taken ${new Date(r.snapshot.at).toISOString()}) into ${r.destination} in ${Date.now() - started} ms.`,
      );
      console.log(
        `Integrity check: ok. Migrations: ${r.migrationsBefore} in the snapshot, ${r.migrationsAfter} after upgrading.`,
      );
      console.log(
        `Counts: ${Object.entries(r.counts)
          .map(([t, n]) => `${t} ${n}`)
          .join(", ")}.`,
      );
      console.log(`Start on it with DATABASE_PATH=${r.destination} npm start`);
    } catch (err) {
      if (err instanceof RestoreRefused || err instanceof SourceError) fail(`Not restored: ${err.message}`);
      if (err instanceof Error && /^(Listing|Downloading) s3:/.test(err.message)) fail(`Not restored: ${err.message}`);
      throw err;
    }
    return;
  }
  if (command === "publish") {
    const run = configuredPublishRun(getDb(), option(args, "from"));
    if (!run)
      fail(
        "No publish target is configured: set PUBLISH_FOLDER or PUBLISH_S3_BUCKET (see .env.example), or add one in the console (Settings, Static copy).",
      );
    const outcomes = await publishSite(run);
    closeDb();
    for (const o of outcomes) (o.ok ? console.log : console.error)(describeOutcome(o));
    process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
  }
  fail(usage, 2);
}

main().catch((err) => {
  if (err instanceof DomainError) {
    fail(
      `${
        Object.entries(err.fields)
          .map(([f, m]) => `--${f}: ${m}`)
          .join("; ") || err.message
      }\n${usage}`,
    );
  }
  if (err instanceof ConfigError || err instanceof DatabaseOpenError) fail(err.message);
  throw err;
});
