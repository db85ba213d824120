// Compiles the command-line entry points (scripts/*.ts) to plain JavaScript in .build/, so `npm start`'s
// supervisor and the CLIs run on `node` alone instead of paying for tsx at every start. Runs after
// `npm install`, and again from bin/* whenever a source the bundles were made from has changed.
//
// Plain JavaScript on purpose: it has to run before anything is compiled.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const OUT_DIR = path.join(ROOT, ".build");
const MANIFEST = path.join(OUT_DIR, "manifest.json");

/** The entry points: scripts/<name>.ts → .build/<name>.mjs. */
export const ENTRIES = ["start", "prepare", "tenants", "migrate"];

/** Files that change every bundle when they change, though no bundle imports them. */
const ALWAYS_INPUTS = ["scripts/compile.mjs", "tsconfig.json", "package-lock.json"];

export const compiledPath = (name) => path.join(OUT_DIR, `${name}.mjs`);

/** Bundles every entry (our code only; packages stay in node_modules) and records what went in. */
export async function compile() {
  const { build } = await import("esbuild");
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, `scripts/${name}.ts`])),
    outdir: OUT_DIR,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    plugins: [serverOnlyIsAMarker],
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  mkdirSync(OUT_DIR, { recursive: true });
  // Each file lands whole (written aside, then renamed): a CLI started meanwhile never reads half a bundle.
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const inputs = [...Object.keys(result.metafile.inputs).filter((input) => !input.startsWith("node_modules/")), ...ALWAYS_INPUTS];
  const imports = Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([file, output]) => [path.basename(file, ".mjs"), [...new Set(output.imports.map((i) => i.path))]]),
  );
  writeAtomically(MANIFEST, JSON.stringify({ builtAt: startedAt, inputs, imports }, null, 2));
}

/**
 * `server-only` throws unless a React Server Components bundler picks its empty export; the CLIs are not
 * React, so it resolves to nothing here, as under Next.
 */
const serverOnlyIsAMarker = {
  name: "server-only",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

function writeAtomically(file, contents) {
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, contents);
  renameSync(aside, file);
}

/** The bundle manifest, or null when there is none yet. */
export function readManifest() {
  if (!existsSync(MANIFEST)) return null;
  return JSON.parse(readFileSync(MANIFEST, "utf8"));
}

/** Whether an entry's bundle is missing or older than one of the sources it was built from. */
export function isStale(name) {
  const manifest = readManifest();
  if (!manifest || !existsSync(compiledPath(name))) return true;
  return manifest.inputs.some((input) => {
    const file = path.join(ROOT, input);
    return !existsSync(file) || statSync(file).mtimeMs > manifest.builtAt;
  });
}

/** Runs an entry in this process, compiling first when its sources changed since the last build. */
export async function runCompiled(name) {
  if (isStale(name)) await compile();
  await import(pathToFileURL(compiledPath(name)).href);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  compile().catch((error) => {
    console.error(`compile: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
