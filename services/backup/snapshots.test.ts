// Snapshots through SQLite's online backup API of a real database file, restored into a new file that is
// verified first; corrupt snapshots refused with the reason; retention applied to the folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { pages } from "@/db/schema";
import { ensurePage } from "@/db/writes/page";
import { addComponent } from "@/services/testing/scenario";
import { DAY, MINUTE } from "@/core/time";
import { listSnapshots, pruneSnapshots, restoreSnapshot, RestoreRefused, takeSnapshot } from "./snapshots";

const T = Date.UTC(2026, 11, 1, 12, 0);
let dir: string;
let db: Db;
let pageId: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-"));
  db = openDatabase(path.join(dir, "live.db"));
  ensurePage(db, { name: "Example", timeZone: "Etc/UTC", at: T });
  pageId = db.select().from(pages).get()!.id;
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const folder = () => path.join(dir, "snapshots");

describe("backups", () => {
  it("snapshots a live database and restores it into a new, verified file", async () => {
    addComponent(db, pageId, "API");
    const first = await takeSnapshot(db, folder(), T);
    expect(path.basename(first.file)).toBe("status-20261201T120000000Z.db.gz");
    addComponent(db, pageId, "Web");
    await takeSnapshot(db, folder(), T + 5 * MINUTE);
    expect((await listSnapshots(folder())).map((s) => s.at)).toEqual([T, T + 5 * MINUTE]);

    const latest = await restoreSnapshot(folder(), path.join(dir, "restored.db"));
    expect(latest.counts).toMatchObject({ pages: 1, components: 2 });
    expect(latest.migrationsAfter).toBe(latest.migrationsBefore);
    const reopened = openDatabase(latest.destination);
    expect(reopened.select().from(pages).get()!.name).toBe("Example");
    reopened.$client.close();

    const older = await restoreSnapshot(folder(), path.join(dir, "older.db"), T + MINUTE);
    expect(older.snapshot.at).toBe(T);
    expect(older.counts.components).toBe(1);
  });

  it("takes a consistent snapshot while another connection writes", async () => {
    const writer = openDatabase(path.join(dir, "live.db"));
    let writing = true;
    const loop = (async () => {
      let n = 0;
      // Components in pairs, one transaction each: a torn copy could hold an odd number.
      while (writing) {
        writer.transaction((tx) => {
          addComponent(tx as unknown as Db, pageId, `A${n}`);
          addComponent(tx as unknown as Db, pageId, `B${n++}`);
        });
        await new Promise((r) => setImmediate(r));
      }
      return n;
    })();
    const snapshot = await takeSnapshot(db, folder(), T);
    await new Promise((r) => setTimeout(r, 20));
    writing = false;
    const pairs = await loop;
    writer.$client.close();
    const restored = await restoreSnapshot(folder(), path.join(dir, "r.db"));
    expect(restored.snapshot.file).toBe(snapshot.file);
    expect(restored.counts.components % 2).toBe(0);
    expect(restored.counts.components).toBeLessThan(pairs * 2);
  });

  it("refuses a corrupt snapshot with the reason, and never writes over a file", async () => {
    fs.mkdirSync(folder(), { recursive: true });
    const good = await takeSnapshot(db, folder(), T);
    const bytes = fs.readFileSync(good.file);

    fs.writeFileSync(good.file, bytes.subarray(0, bytes.length / 2));
    await expect(restoreSnapshot(folder(), path.join(dir, "a.db"))).rejects.toThrow(
      /is corrupt: it does not decompress/,
    );

    fs.writeFileSync(good.file, zlib.gzipSync(Buffer.from("not a database at all, just text ".repeat(200))));
    await expect(restoreSnapshot(folder(), path.join(dir, "b.db"))).rejects.toThrow(/is (corrupt|not a database)/);

    // A real database with damaged pages in the middle.
    const raw = zlib.gunzipSync(bytes);
    raw.fill(0x5a, 4096 * 2, 4096 * 4);
    fs.writeFileSync(good.file, zlib.gzipSync(raw));
    await expect(restoreSnapshot(folder(), path.join(dir, "c.db"))).rejects.toThrow(RestoreRefused);
    for (const f of ["a.db", "b.db", "c.db"]) expect(fs.existsSync(path.join(dir, f))).toBe(false);

    await expect(restoreSnapshot(folder(), path.join(dir, "live.db"))).rejects.toThrow(
      /exists: restore into a new file/,
    );
    await expect(restoreSnapshot(folder(), path.join(dir, "d.db"), T - 1)).rejects.toThrow(
      /No snapshot .* at or before/,
    );
  });

  it("keeps what the retention rule keeps and deletes the rest", async () => {
    for (const at of [T - 100 * DAY, T - 10 * DAY, T - 10 * DAY + MINUTE, T - MINUTE])
      await takeSnapshot(db, folder(), at);
    expect(await pruneSnapshots(folder(), T)).toBe(2);
    expect((await listSnapshots(folder())).map((s) => s.at)).toEqual([T - 10 * DAY + MINUTE, T - MINUTE]);
  });
});
