// No two lib folders import each other, directly or round a longer loop: each can be read, tested and
// lifted out (the tenancy core above all) without dragging the others along.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeGraph, findCycles, folderImportGraph, type FolderGraph } from "./import-graph";

const graphOf = (edges: Record<string, string[]>): FolderGraph => new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

describe("the folder-level import graph of lib/", () => {
  it("has no cycle", () => {
    const graph = folderImportGraph(path.resolve(__dirname, "../lib"));
    console.log(`lib/ folder imports:\n${describeGraph(graph)}`);
    expect(findCycles(graph)).toEqual([]);
  });

  it("keeps the tenancy core free of the app built on it", () => {
    const graph = folderImportGraph(path.resolve(__dirname, "../lib"));
    const appFolders = ["api", "auth", "platform", "polls", "seed"];
    expect([...graph.get("tenancy")!].filter((folder) => appFolders.includes(folder))).toEqual([]);
  });

  it("finds a cycle between two folders and round a longer loop", () => {
    expect(findCycles(graphOf({ db: ["tenancy"], tenancy: ["db"], auth: ["db"] }))).toEqual([["db", "tenancy", "db"]]);
    expect(findCycles(graphOf({ a: ["b"], b: ["c"], c: ["a"] }))).toEqual([["a", "b", "c", "a"]]);
    expect(findCycles(graphOf({ a: ["b", "c"], b: ["c"], c: [] }))).toEqual([]);
  });
});
