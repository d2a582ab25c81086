// Migration 0005 through the real migrator on a real SQLite file: an incident reopened and resolved again
// before the fix kept its first resolution as resolved_at; the migration moves it to the last one and leaves
// open incidents and ordinary resolutions alone.
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase } from "@/db";
import type { AnyIncidentStatus } from "@/db/constants";
import { incidents } from "@/db/schema";
import { tempDbFile } from "@/services/testing/notification-fixtures";
import { addIncident, T0 } from "@/services/testing/scenario";
import { HOUR } from "@/core/time";
import { ensurePage } from "./writes/page";

const db = openDatabase(tempDbFile("migration"));
afterAll(() => db.$client.close());

describe("0005_recompute_resolved_at", () => {
  it("dates re-resolved incidents by their last resolution", () => {
    ensurePage(db, { name: "Example", timeZone: "Etc/UTC", at: T0 - 10 * HOUR });
    const pageId = db.query.pages.findFirst().sync()!.id;
    const steps = (statuses: AnyIncidentStatus[]) => statuses.map((status, i) => ({ status, after: i * 60 }));
    const reopened = addIncident(db, pageId, {
      name: "Reopened",
      start: T0,
      steps: steps(["investigating", "resolved", "investigating", "resolved"]),
    });
    const plain = addIncident(db, pageId, {
      name: "Plain",
      start: T0,
      steps: steps(["investigating", "monitoring", "resolved", "postmortem"]),
    });
    const open = addIncident(db, pageId, {
      name: "Open",
      start: T0,
      steps: steps(["investigating", "resolved", "identified"]),
    });
    // As the old code stored it.
    db.update(incidents)
      .set({ resolvedAt: T0 + HOUR })
      .where(eq(incidents.id, reopened))
      .run();
    // Run this migration's statements again, as the migrator does (it only applies migrations newer than the
    // newest one applied, so forgetting this one would not bring it back once a later migration exists).
    const file = fs.readFileSync(path.join(MIGRATIONS_FOLDER, "0005_recompute_resolved_at.sql"), "utf8");
    for (const statement of file.split("--> statement-breakpoint")) if (statement.trim()) db.run(sql.raw(statement));
    const resolvedAt = (id: string) => db.select().from(incidents).where(eq(incidents.id, id)).get()!.resolvedAt;
    expect(resolvedAt(reopened)).toBe(T0 + 3 * HOUR);
    expect(resolvedAt(plain)).toBe(T0 + 2 * HOUR);
    expect(resolvedAt(open)).toBeNull();
  });
});
