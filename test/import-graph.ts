// The folder-level import graph of lib/: which lib folder's production code imports which. A cycle
// between two folders means neither can be lifted out alone, so the graph must stay acyclic.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type FolderGraph = Map<string, Set<string>>;

const IMPORT_SOURCE = /(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** `lib/tenancy/site.ts` → `tenancy`; a file directly in lib/ is a folder of its own (`lib/env.ts` → `env`). */
function folderOf(libPath: string): string {
  return libPath.split("/")[0].replace(/\.tsx?$/, "");
}

/** The lib/-relative path an import names, or null when it leaves lib/ (a package, app/, generated code). */
function importedLibPath(source: string, fromFile: string, libDir: string): string | null {
  const resolved = source.startsWith("@/") ? path.join(libDir, "..", source.slice(2)) : source.startsWith(".") ? path.resolve(path.dirname(fromFile), source) : null;
  if (!resolved) return null;
  const relative = path.relative(libDir, resolved);
  return relative.startsWith("..") || relative.startsWith("generated") ? null : relative.split(path.sep).join("/");
}

export function folderImportGraph(libDir: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(libDir)) {
    const from = folderOf(path.relative(libDir, file).split(path.sep).join("/"));
    const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
    for (const [, source] of readFileSync(file, "utf8").matchAll(IMPORT_SOURCE)) {
      const target = importedLibPath(source, file, libDir);
      if (target && folderOf(target) !== from) edges.add(folderOf(target));
    }
  }
  return graph;
}

/** Every cycle of the graph, each as the path that closes it (`["db", "tenancy", "db"]`). */
export function findCycles(graph: FolderGraph): string[][] {
  const cycles: string[][] = [];
  const visit = (node: string, trail: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = trail.indexOf(next);
      // Report each cycle once, from its alphabetically first folder.
      if (at >= 0) {
        const cycle = trail.slice(at);
        if (cycle.every((n) => n >= cycle[0]) && at === 0) cycles.push([...cycle, next]);
      } else visit(next, [...trail, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) visit(start, [start]);
  return cycles;
}

export function describeGraph(graph: FolderGraph): string {
  return [...graph.keys()]
    .sort()
    .map((folder) => `${folder} → ${[...graph.get(folder)!].sort().join(", ") || "(nothing)"}`)
    .join("\n");
}
