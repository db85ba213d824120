import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { API_OPERATIONS } from "@/lib/api/operations";

const API_DIR = path.resolve(__dirname, "../../app/api");

/** `app/api/polls/[id]/route.ts` → `/api/polls/{id}`; the catch-all `[...path]` (a JSON 404) is no operation. */
function routePaths(dir: string, prefix = "/api"): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith("[...")) return [];
      return routePaths(full, `${prefix}/${entry.replace(/^\[(\w+)\]$/, "{$1}")}`);
    }
    return entry === "route.ts" ? [prefix] : [];
  });
}

type Document = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[]; additionalProperties?: boolean }> };
};

describe("the OpenAPI document", () => {
  const document = structuredClone(buildOpenApiDocument()) as unknown as Document;

  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("documents every route file, and every documented path has a route file", () => {
    const files = routePaths(API_DIR).sort();
    expect(files).toContain("/api/polls/{id}/choices/{choiceId}/vote");
    expect(Object.keys(document.paths).sort()).toEqual(files);
  });

  it("lists every operation of the contract", () => {
    const operations = Object.entries(document.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(operations.sort()).toEqual(API_OPERATIONS.map((op) => `${op.method} ${op.path}`).sort());
    expect(operations).toHaveLength(15);
  });

  it("describes bodies from the same strict zod schemas the handlers parse with", () => {
    const ref = document.paths["/api/polls"].post.requestBody!.content["application/json"].schema.$ref;
    const newPoll = document.components.schemas[ref.split("/").pop()!];
    expect(newPoll.required).toEqual(["question"]);
    expect(Object.keys(newPoll.properties ?? {}).sort()).toEqual(["choices", "closes_at", "opens_at", "question", "show_results_before_voting"]);
    expect(newPoll.additionalProperties).toBe(false);
    expect(Object.keys(document.components.schemas.Poll.properties ?? {}).sort()).toEqual([
      "choices",
      "closes_at",
      "created_by",
      "id",
      "opens_at",
      "pub_date",
      "question",
      "show_results_before_voting",
      "status",
    ]);
  });

  it("documents that removing a choice with votes is a 409 unless the body sets delete_votes", () => {
    const paths = document.paths as unknown as Record<string, Record<string, { responses: Record<string, { description: string }>; requestBody: { content: Record<string, { schema: { $ref: string } }> } }>>;
    for (const method of ["put", "patch"]) {
      const operation = paths["/api/polls/{id}"][method];
      expect(operation.responses["409"].description).toContain("choice_has_votes");
      const body = document.components.schemas[operation.requestBody.content["application/json"].schema.$ref.split("/").pop()!];
      expect(Object.keys(body.properties ?? {})).toEqual(expect.arrayContaining(["choices", "delete_votes"]));
    }
    expect(paths["/api/polls/{id}/choices"].post.responses["409"].description).toContain("duplicate_choice");
  });
});
