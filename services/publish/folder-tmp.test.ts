// A publisher killed with SIGKILL while writing leaves its temporary file behind; the next run into the folder
// removes it, but never the temporary file of a publisher that is still alive, nor one newer than the run.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { emptyPage } from "@/services/testing/scenario";
import { startTestSite } from "@/services/testing/publish-site";
import { folderTarget, removeStaleTemporaries } from "./folder";
import { httpFetcher } from "./http-fetcher";
import { publishSite } from "./publish";

const root = path.resolve(import.meta.dirname, "../..");
let dir: string;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A child process that starts writing `key` into the folder target and then stalls inside the write. */
async function stalledWriter(key: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "services/testing/stalled-folder-writer.ts", dir, key], {
    cwd: root,
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => c.toString().includes("writing") && resolve());
    child.on("exit", (code) => reject(new Error(`the writer exited (${code}) before it stalled`)));
  });
  return child;
}

const temporaries = () =>
  fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".tmp"))
    .sort();

describe("stale temporary files in the folder target", () => {
  it(
    "removes a SIGKILLed publisher's, keeps a live publisher's and any newer than the run",
    { timeout: 60_000 },
    async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-tmp-"));
      const killed = await stalledWriter("incidents/inc001.html");
      const live = await stalledWriter("index.html");
      expect(live.exitCode).toBeNull();
      const exited = new Promise((r) => killed.once("exit", (_code, signal) => r(signal)));
      killed.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      expect(temporaries()).toHaveLength(2);
      const [killedTmp] = temporaries().filter((f) => f.startsWith("incidents/"));
      const [liveTmp] = temporaries().filter((f) => f.startsWith("index.html"));
      expect(killedTmp).toContain(`.${killed.pid}-`);

      // Written during the run by this very process (its own write in flight): kept.
      const runStart = Date.now() + 1_000;
      const ownTmp = `history.html.${process.pid}-abcd1234.tmp`;
      fs.writeFileSync(path.join(dir, ownTmp), "in flight");
      fs.utimesSync(path.join(dir, ownTmp), new Date(runStart + 500), new Date(runStart + 500));

      const removed = await removeStaleTemporaries(path.resolve(dir), runStart);
      expect(removed).toEqual([killedTmp]);
      expect(temporaries()).toEqual([ownTmp, liveTmp].sort());
    },
  );

  it("runs as part of every full publish into the folder", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-tmp-"));
    const stale = path.join(dir, "old.html.999999999-00000000.tmp");
    fs.writeFileSync(stale, "left by a dead publisher");
    fs.utimesSync(stale, new Date(0), new Date(0));
    const { db } = emptyPage();
    const site = await startTestSite(0);
    try {
      const [outcome] = await publishSite({
        db,
        fetcher: httpFetcher(site.url),
        targets: [folderTarget(dir)],
        origin: "https://origin.example.org",
        origins: [site.url],
      });
      expect(outcome.ok).toBe(true);
      expect(fs.existsSync(stale)).toBe(false);
      expect(temporaries()).toEqual([]);
    } finally {
      await site.close();
      db.$client.close();
    }
  });
});
