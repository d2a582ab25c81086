// `npm start` rebuilds when any source that goes into the build is newer than the build, wherever it sits
// (proxy.ts at the top level was missed by a hand-kept list), and not for tests, docs or the database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildIsStale } from "./build-inputs";

function project() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "status-build-"));
  const files = [
    "app/page.tsx",
    "services/x.ts",
    "proxy.ts",
    "server.ts",
    "public/logo.svg",
    "e2e/a.spec.ts",
    "services/x.test.ts",
    "README.md",
    "data/status.db",
    "scripts/start.ts",
    ".next/BUILD_ID",
  ];
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), "x");
  }
  const past = new Date(Date.now() - 60_000);
  for (const f of files) fs.utimesSync(path.join(root, f), past, past);
  fs.utimesSync(path.join(root, ".next/BUILD_ID"), new Date(), new Date());
  return root;
}
const touch = (root: string, file: string) => {
  const p = path.join(root, file);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, "changed");
  const later = new Date(Date.now() + 10_000);
  fs.utimesSync(p, later, later);
};

describe("buildIsStale", () => {
  it("is false for a build newer than every source", () => {
    expect(buildIsStale(project())).toBe(false);
  });

  it("is true when there is no build", () => {
    const root = project();
    fs.rmSync(path.join(root, ".next"), { recursive: true });
    expect(buildIsStale(root)).toBe(true);
  });

  it.each([
    "proxy.ts",
    "app/page.tsx",
    "services/x.ts",
    "public/logo.svg",
    "middleware.ts",
    "instrumentation.ts",
    "components/new/card.tsx",
    ".env.local",
  ])("is true after %s changes", (file) => {
    const root = project();
    touch(root, file);
    expect(buildIsStale(root)).toBe(true);
  });

  it.each([
    "e2e/a.spec.ts",
    "services/x.test.ts",
    "README.md",
    "data/status.db",
    "data/status.db-wal",
    "scripts/start.ts",
    "test-results/x.json",
  ])("is false after %s changes (not part of the build)", (file) => {
    const root = project();
    touch(root, file);
    expect(buildIsStale(root)).toBe(false);
  });

  it("ignores the database wherever DATABASE_PATH puts it inside the project", () => {
    const root = project();
    touch(root, "var/db/status.db");
    expect(buildIsStale(root, { databasePath: path.join(root, "var/db/status.db") })).toBe(false);
    expect(buildIsStale(root)).toBe(true);
  });
});
