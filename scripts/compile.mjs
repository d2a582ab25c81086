// Compiles what production runs outside Next (server.ts and the npm scripts' entry points, with everything of
// ours they import) to plain JavaScript in dist/, so production runs `node` and tsx is a development tool.
// Plain JavaScript itself, because it runs before anything is compiled. Packages stay external (imported
// from node_modules at run time, one copy each); `@/` is resolved from tsconfig.json's paths.
//   node scripts/compile.mjs          compile if stale
//   node scripts/compile.mjs --force  compile anyway
import fs from "node:fs";
import path from "node:path";

export const ENTRY_POINTS = [
  "server.ts",
  // Started by server.ts as a worker thread: renders the cached pages off the main thread.
  "render-worker.ts",
  "scripts/start.ts",
  "scripts/migrate.ts",
  "scripts/seed.ts",
  "scripts/worker.ts",
  "scripts/admin.ts",
];
export const OUT_DIR = "dist";
const META = "meta.json";
/** Files that change what esbuild produces without being imported. */
const CONFIG_INPUTS = ["tsconfig.json", "package.json", "package-lock.json", "scripts/compile.mjs"];

/** The compiled file of an entry point: scripts/start.ts -> dist/scripts/start.mjs. */
export function compiledPath(root, entry) {
  return path.join(root, OUT_DIR, entry.replace(/\.ts$/, ".mjs"));
}

/**
 * Whether dist/ is missing or older than one of its inputs: every file esbuild read last time (its metafile
 * lists them, so a new import is counted from the compile that added it) plus the configuration above.
 */
export function compileIsStale(root, entries = ENTRY_POINTS) {
  const metaFile = path.join(root, OUT_DIR, META);
  if (!fs.existsSync(metaFile)) return true;
  if (entries.some((e) => !fs.existsSync(compiledPath(root, e)))) return true;
  const builtAt = fs.statSync(metaFile).mtimeMs;
  let inputs;
  try {
    inputs = Object.keys(JSON.parse(fs.readFileSync(metaFile, "utf8")).inputs);
  } catch {
    return true;
  }
  for (const input of inputs) {
    const file = path.join(root, input);
    // A deleted input changes the output too (the import now fails or resolves elsewhere).
    if (!fs.existsSync(file) || fs.statSync(file).mtimeMs > builtAt) return true;
  }
  return CONFIG_INPUTS.some((input) => {
    const file = path.join(root, input);
    return fs.existsSync(file) && fs.statSync(file).mtimeMs > builtAt;
  });
}

export async function compile(root, entries = ENTRY_POINTS) {
  // Imported here, not at the top: a current dist/ needs no esbuild at all.
  const esbuild = await import("esbuild");
  // Built beside dist/ and swapped in at the end, so a process starting meanwhile never loads half a build.
  const outdir = path.join(root, `${OUT_DIR}.${process.pid}`);
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    outbase: ".",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    packages: "external",
    format: "esm",
    target: "node20",
    jsx: "automatic",
    sourcemap: "linked",
    // One module per source shared between the entry points instead of a copy inside each.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    metafile: true,
    logLevel: "warning",
  });
  // Written last: its time is what the staleness check compares with.
  fs.writeFileSync(path.join(outdir, META), JSON.stringify(result.metafile));
  const final = path.join(root, OUT_DIR);
  fs.rmSync(final, { recursive: true, force: true });
  fs.renameSync(outdir, final);
  // esbuild keeps a service process for further builds; npm start goes on to run the server, so end it.
  await esbuild.stop();
}

export async function compileIfStale(root, { force = false, entries = ENTRY_POINTS } = {}) {
  if (!force && !compileIsStale(root, entries)) return false;
  await compile(root, entries);
  return true;
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const root = process.cwd();
  const compiled = await compileIfStale(root, { force: process.argv.includes("--force") });
  console.log(compiled ? `Compiled ${ENTRY_POINTS.length} entry points to ${OUT_DIR}/` : `${OUT_DIR}/ is current`);
}
