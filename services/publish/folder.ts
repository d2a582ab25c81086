// The folder target: a directory served by nginx, rsync'd elsewhere, or pushed to GitHub Pages, Netlify or
// Cloudflare Pages. Each file is written to a temporary name and renamed, so a reader (nginx) never sees half
// a file, and a publish killed part way leaves whole files only.
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
  const temporary = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await fs.writeFile(temporary, body);
    await fs.rename(temporary, file);
  } catch (err) {
    await fs.rm(temporary, { force: true });
    throw err;
  }
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
    put: (object: PublishObject) => writeAtomically(inside(root, object.key), object.body),
    async remove(key) {
      await fs.rm(inside(root, key), { force: true });
    },
  };
}
