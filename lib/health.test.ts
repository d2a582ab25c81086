import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { checkHealth } from "./health";

describe("checkHealth", () => {
  it("answers 200 when the database answers", () => {
    const db = openDatabase(":memory:");
    expect(checkHealth(() => db, 0)).toEqual({
      httpStatus: 200,
      body: { status: "ok", database: "ok", time: "1970-01-01T00:00:00.000Z" },
    });
    db.$client.close();
  });

  it("answers 503 when the database cannot be opened or is closed", () => {
    expect(checkHealth(() => openDatabase("/proc/nope/status.db")).httpStatus).toBe(503);
    const closed = openDatabase(":memory:");
    closed.$client.close();
    expect(checkHealth(() => closed)).toMatchObject({ httpStatus: 503, body: { status: "error", database: "unreachable" } });
  });
});
