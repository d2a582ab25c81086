// The fixture layer every spec builds on: the run's real database file (the server's), and unique names
// so each test makes its own data. Later specs extend `test` with more fixtures (a signed-in admin, a fake
// Resend server...).
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { openDatabase, type Db } from "@/db";
import { pages } from "@/db/schema";

export interface Fixtures {
  /** A unique label, e.g. `unique("Service")` -> "Service 3-mifz7-1". */
  unique: (label: string) => string;
  /** Saves a full-page screenshot under e2e/.artifacts/ for people to look at. */
  snapshot: (page: Page, name: string) => Promise<void>;
}

export interface WorkerFixtures {
  /** The same SQLite file the server under test uses (WAL mode allows both). */
  db: Db;
  pageId: string;
}

export const ARTIFACTS = path.resolve("e2e", ".artifacts");

export const test = base.extend<Fixtures, WorkerFixtures>({
  db: [
    async ({}, use) => {
      const file = process.env.E2E_DATABASE_PATH;
      if (!file) throw new Error("E2E_DATABASE_PATH is not set; run the tests through playwright.config.ts");
      const db = openDatabase(file);
      await use(db);
      db.$client.close();
    },
    { scope: "worker" },
  ],
  pageId: [async ({ db }, use) => use(db.select({ id: pages.id }).from(pages).get()!.id), { scope: "worker" }],
  unique: async ({}, use, testInfo) => {
    let n = 0;
    await use((label) => `${label} ${testInfo.workerIndex}-${Date.now().toString(36)}-${++n}`);
  },
  snapshot: async ({}, use) => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await use(async (page, name) => {
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    });
  },
});

export { expect };
