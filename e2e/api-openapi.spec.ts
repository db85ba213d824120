// The OpenAPI document served on each tenant host validates and lists every route (its docs page: api-docs.spec.ts).
import { Validator } from "@seriousme/openapi-schema-validator";
import { CONTRACT } from "./api-contract";
import { test, expect, api, POTTER, THOR } from "./fixtures";

type Document = { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, { operationId: string }>> };

test("GET /api/openapi.json is a valid OpenAPI 3.1 document listing every route", async () => {
  const response = await api(THOR, "GET", "/api/openapi.json");
  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  const document = response.json<Document>();

  const validator = new Validator();
  const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
  expect(result.errors).toBeUndefined();
  expect(result.valid).toBe(true);
  expect(validator.version).toBe("3.1");

  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  expect(operations.sort()).toEqual([...CONTRACT].sort());
  expect(document.servers).toEqual([{ url: `http://${THOR}` }]);

  const onPotter = (await api(POTTER, "GET", "/api/openapi.json")).json<Document>();
  expect(onPotter.servers).toEqual([{ url: `http://${POTTER}` }]);
});
