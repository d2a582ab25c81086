// For services/publish/folder-tmp.test.ts: a process that starts writing one object into a folder target and
// stalls between the temporary file and its rename, the moment where a SIGKILL leaves the temporary file.
// Usage: node --import tsx services/testing/stalled-folder-writer.ts <folder> <key>
import fs from "node:fs/promises";
import { folderTarget } from "@/services/publish/folder";

const [dir, key] = process.argv.slice(2);
fs.rename = () => {
  process.stdout.write("writing\n");
  // A pending promise alone does not keep a process alive: this one waits to be killed.
  setInterval(() => undefined, 60_000);
  return new Promise<void>(() => undefined);
};
void folderTarget(dir).put({ key, body: Buffer.from("half"), contentType: "text/html", cacheControl: "no-cache" });
