import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { auditLog, components, incidentTemplates, pages, users } from "@/db/schema";
import { bootstrap } from "./bootstrap";
import { parseConfig } from "@/core/config";
import { verifyPassword } from "./password";

let db: Db;
afterEach(() => db?.$client.close());

describe("bootstrap", () => {
  it("on a fresh database creates the page, seeds the demo and an owner with a generated password, once", async () => {
    db = openDatabase(":memory:");
    const config = parseConfig({ PAGE_TIME_ZONE: "Pacific/Auckland", PAGE_NAME: "Acme IT" });
    const first = await bootstrap(db, config);
    expect(first.freshDatabase).toBe(true);
    expect(first.seeded).toBe(true);
    expect(first.ownerCreated?.email).toBe("admin@example.com");
    const password = first.ownerCreated!.generatedPassword!;
    expect(password).toMatch(/^[A-Za-z2-9]{24}$/);
    const owner = db.select().from(users).get()!;
    expect(owner.role).toBe("owner");
    expect(owner.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, owner.passwordHash)).toBe(true);
    expect(db.select().from(pages).get()).toMatchObject({ name: "Acme IT", timeZone: "Pacific/Auckland" });

    expect(db.select().from(incidentTemplates).all()).toHaveLength(4);

    const second = await bootstrap(db, config);
    expect(second).toEqual({ freshDatabase: false, seeded: false, ownerCreated: null });
    expect(db.select().from(incidentTemplates).all()).toHaveLength(4);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(users)
        .get()!.n,
    ).toBe(1);
    const audit = db.select().from(auditLog).all();
    expect(JSON.stringify(audit)).not.toContain(password);
  }, 20_000);

  it("uses ADMIN_EMAIL and ADMIN_PASSWORD and skips the demo when SEED_DEMO is off", async () => {
    db = openDatabase(":memory:");
    const config = parseConfig({
      ADMIN_EMAIL: "It@Example.org",
      ADMIN_PASSWORD: "correct horse battery",
      SEED_DEMO: "off",
    });
    const result = await bootstrap(db, config);
    expect(result.seeded).toBe(false);
    expect(result.ownerCreated).toEqual({ email: "it@example.org", generatedPassword: null });
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(components)
        .get()!.n,
    ).toBe(0);
    const owner = db.select().from(users).get()!;
    expect(await verifyPassword("correct horse battery", owner.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong horse battery", owner.passwordHash)).toBe(false);
  }, 20_000);
});
