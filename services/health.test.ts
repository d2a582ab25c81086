import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { tempDbFile } from "@/services/testing/notification-fixtures";
import { checkHealth } from "./health";

const opened: Db[] = [];
function fileDb(): Db {
  const db = openDatabase(tempDbFile("health"));
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) if (db.$client.open) db.$client.close();
});

describe("checkHealth", () => {
  it("answers 200 when the database answers and can write", () => {
    const db = fileDb();
    expect(checkHealth(() => db, 0)).toEqual({
      httpStatus: 200,
      body: { status: "ok", database: "ok", time: "1970-01-01T00:00:00.000Z" },
    });
  });

  it("answers 503 when the database cannot be opened or is closed", () => {
    const unopenable = checkHealth(() => openDatabase("/proc/nope/status.db"));
    expect(unopenable).toMatchObject({
      httpStatus: 503,
      body: { database: "unreachable", reason: "The database file cannot be opened" },
    });
    expect(JSON.stringify(unopenable)).not.toContain("/proc/nope");
    const closed = fileDb();
    closed.$client.close();
    expect(checkHealth(() => closed)).toMatchObject({
      httpStatus: 503,
      body: { status: "error", database: "unreachable" },
    });
  });

  it("answers 503 with the reason when the database answers reads but cannot write", () => {
    const db = fileDb();
    // A real SQLite file that refuses writes, as a read-only mount or a full disk does.
    db.$client.pragma("query_only = 1");
    const { httpStatus, body } = checkHealth(() => db, 0);
    expect(httpStatus).toBe(503);
    expect(body).toMatchObject({ status: "error", database: "read_only" });
    expect(body.reason).toMatch(/cannot write.*readonly/i);
    db.$client.pragma("query_only = 0");
    expect(checkHealth(() => db, 10_000).httpStatus).toBe(200);
  });

  it("answers 503 for a database file opened read-only", () => {
    const writable = fileDb();
    const file = writable.$client.name;
    writable.$client.close();
    const readonly = openDatabase(file, { readonly: true });
    opened.push(readonly);
    expect(checkHealth(() => readonly, 0)).toMatchObject({ httpStatus: 503, body: { database: "read_only" } });
  });
});
