// The page cache reads the public content version once per event-loop turn: requests in one turn share the
// read, a commit shows on the next turn, and a database it cannot read leaves the last version standing.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readPublicContentVersion } from "@/db/change-watcher";
import { insertComponent } from "@/db/writes/components";
import { makeWorld, tempDbFile, type World } from "@/services/testing/notification-fixtures";
import { PublicVersionReader } from "./version-reader";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
let world: World | undefined;
let reader: PublicVersionReader | undefined;
afterEach(() => {
  reader?.close();
  world?.db.$client.close();
  world = reader = undefined;
});

describe("PublicVersionReader", () => {
  it("reads once per turn and sees another connection's commit on the next turn", async () => {
    world = makeWorld();
    reader = new PublicVersionReader(world.file);
    const before = reader.current();
    expect(before).toBe(readPublicContentVersion(world.db));
    insertComponent(world.db, { pageId: world.pageId, name: "Wiki", at: 5, actor: { source: "manual" } });
    // Same turn: the read is shared, so the commit made after it is not seen yet.
    expect(reader.current()).toBe(before);
    await nextTurn();
    const after = reader.current();
    expect(after).toBeGreaterThan(before);
    expect(after).toBe(readPublicContentVersion(world.db));
    expect(reader.last).toBe(after);
  });

  it("answers -1 while the database cannot be opened, and the version once it can", async () => {
    const file = tempDbFile("version-reader");
    reader = new PublicVersionReader(file);
    expect(reader.current()).toBe(-1);
    expect(fs.existsSync(file)).toBe(false);
    await nextTurn();
    world = makeWorld(file);
    expect(path.resolve(world.file)).toBe(path.resolve(file));
    expect(reader.current()).toBe(readPublicContentVersion(world.db));
  });
});
