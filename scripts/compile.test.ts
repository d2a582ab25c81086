// scripts/compile.mjs: production runs compiled JavaScript, recompiled exactly when an input changed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript (it runs before anything is compiled), no type declarations
import { compile, compileIsStale, compiledPath } from "./compile.mjs";

const repo = path.resolve(import.meta.dirname, "..");
let root: string;
const entries = ["server.ts"];
const later = (file: string) => {
  const t = new Date(Date.now() + 5_000);
  fs.utimesSync(file, t, t);
};

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "compile-"));
  fs.writeFileSync(
    path.join(root, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { jsx: "react-jsx", paths: { "@/*": ["./*"] } } }),
  );
  fs.mkdirSync(path.join(root, "lib"));
  fs.writeFileSync(
    path.join(root, "lib", "greeting.ts"),
    "export const greeting = (name: string): string => `hello ${name}`;\n",
  );
  fs.writeFileSync(path.join(root, "lib", "unused.ts"), "export const unused = 1;\n");
  fs.writeFileSync(
    path.join(root, "server.ts"),
    'import { greeting } from "@/lib/greeting";\nconsole.log(greeting("node"));\n',
  );
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("scripts/compile.mjs", () => {
  it("compiles TypeScript with the @/ alias to a file plain node runs", async () => {
    expect(compileIsStale(root, entries)).toBe(true);
    await compile(root, entries);
    const out = spawnSync(process.execPath, [compiledPath(root, "server.ts")], { encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe("hello node\n");
    expect(compileIsStale(root, entries)).toBe(false);
  });

  it("is stale when a file it imported changes, not when an unrelated one does", async () => {
    await compile(root, entries);
    later(path.join(root, "lib", "unused.ts"));
    expect(compileIsStale(root, entries)).toBe(false);
    later(path.join(root, "lib", "greeting.ts"));
    expect(compileIsStale(root, entries)).toBe(true);
    await compile(root, entries);
    later(path.join(root, "tsconfig.json"));
    expect(compileIsStale(root, entries)).toBe(true);
  });

  it("leaves packages external and compiles every production entry point of the project", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "compile-repo-"));
    try {
      // The project's own dist/, as `npm start` makes it.
      await compile(repo);
      const server = fs.readFileSync(compiledPath(repo, "server.ts"), "utf8");
      expect(server).toMatch(/from "next"/);
      expect(server).not.toMatch(/from "@\//);
      for (const entry of [
        "scripts/start.ts",
        "scripts/migrate.ts",
        "scripts/seed.ts",
        "scripts/worker.ts",
        "scripts/admin.ts",
      ]) {
        expect(fs.existsSync(compiledPath(repo, entry)), entry).toBe(true);
      }
      // The compiled migrate script runs on plain node, with no tsx anywhere.
      const db = path.join(dataDir, "status.db");
      const run = spawnSync(process.execPath, [compiledPath(repo, "scripts/migrate.ts")], {
        cwd: repo,
        encoding: "utf8",
        env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_PATH: db, NEXT_TELEMETRY_DISABLED: "1" },
      });
      expect(run.stderr).toBe("");
      expect(run.stdout).toContain(`Migrated ${db}`);
      expect(fs.readdirSync(path.join(repo, "dist", "chunks")).join(" ")).not.toMatch(/tsx/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
