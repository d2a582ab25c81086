// The folder target: a directory served by nginx, rsync'd elsewhere, or pushed to GitHub Pages, Netlify or
// Cloudflare Pages. Each file is written to a temporary name and renamed, so a reader (nginx) never sees half
// a file, and a publish killed part way leaves whole files only. A SIGKILL between the two leaves the
// temporary file: its name carries the writer's process id, so the next full publish removes the ones whose
// writer is gone (removeStaleTemporaries) without touching a live publisher's.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MANIFEST_KEY, type Manifest, type PublishObject, type PublishTarget } from "./target";

function inside(root: string, key: string): string {
  const file = path.resolve(root, key);
  if (!file.startsWith(root + path.sep)) throw new Error(`Refusing to write outside the folder: ${key}`);
  return file;
}

async function writeAtomically(file: string, body: Buffer | string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    await fs.writeFile(temporary, body);
    await fs.rename(temporary, file);
  } catch (err) {
    await fs.rm(temporary, { force: true });
    throw err;
  }
}

const TEMPORARY = /\.(?:(\d+)-)?[0-9a-f]{8}\.tmp$/;

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: a process of another user holds that id; it is alive.
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Deletes the temporary files left by killed writers: last modified before `before` (the start of this run,
 * which holds the target's lease) and written by a process that no longer exists. A file of the old naming
 * (no process id) only needs to be older than the run. Returns the removed paths, relative to `root`.
 */
export async function removeStaleTemporaries(root: string, before: number): Promise<string[]> {
  let entries: string[];
  try {
    entries = (await fs.readdir(root, { recursive: true })).map(String);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = TEMPORARY.exec(entry);
    if (!match || (match[1] && isAlive(Number(match[1])))) continue;
    const file = path.join(root, entry);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile() || stat.mtimeMs >= before) continue;
    await fs.rm(file, { force: true });
    removed.push(entry);
  }
  return removed.sort();
}

export function folderTarget(dir: string): PublishTarget {
  const root = path.resolve(dir);
  return {
    name: "folder",
    describe: root,
    async readManifest() {
      try {
        return JSON.parse(await fs.readFile(path.join(root, MANIFEST_KEY), "utf8")) as Manifest;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
        throw err;
      }
    },
    writeManifest: (manifest) => writeAtomically(path.join(root, MANIFEST_KEY), JSON.stringify(manifest)),
    prepare: async (runStartedAt) => void (await removeStaleTemporaries(root, runStartedAt)),
    put: (object: PublishObject) => writeAtomically(inside(root, object.key), object.body),
    async remove(key) {
      await fs.rm(inside(root, key), { force: true });
    },
  };
}
