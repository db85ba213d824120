// The OpenAPI 3.1 document, generated from the operation table and the zod schemas the handlers
// parse with (zod 4's toJSONSchema emits JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
import { z } from "zod";
import { API_ERROR_STATUS, type ApiErrorCode } from "@/lib/api/errors";
import { API_OPERATIONS, choiceListResource, type ApiOperation } from "@/lib/api/operations";
import * as schemas from "@/lib/api/schemas";
import { idSchema } from "@/lib/polls/schemas";

type JsonObject = Record<string, unknown>;

/** Request bodies are documented as clients send them (defaults optional), resources as returned. */
const INPUT_COMPONENTS = {
  NewUser: schemas.newUserBody,
  Login: schemas.loginBody,
  NewPoll: schemas.newPollBody,
  ReplacePoll: schemas.replacePollBody,
  PatchPoll: schemas.patchPollBody,
  NewChoice: schemas.newChoiceBody,
  NewVote: schemas.voteBody,
};
const OUTPUT_COMPONENTS = {
  User: schemas.userResource,
  Token: schemas.tokenResource,
  PollChoice: schemas.pollChoiceResource,
  Poll: schemas.pollResource,
  PollPage: schemas.pollPageResource,
  Choice: schemas.choiceResource,
  ChoiceList: choiceListResource,
  Vote: schemas.voteResource,
  Results: schemas.resultsResource,
  Error: schemas.errorResource,
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed JSON or invalid fields (`fields` names each one); unknown fields are refused",
  401: "Missing or invalid credentials",
  403: "Not allowed: not the poll's creator or an admin, or a session request from another origin",
  404: "No such poll, choice or page (including a choice of another poll)",
  409: "Conflicts with existing data (a taken username, a second vote on a poll, a choice the poll already has, removing a choice that has votes without `delete_votes`)",
  413: "The body is over 64 KiB",
  415: "The body is not application/json",
  429: "Too many failed logins for this username from this client (or for this username overall); see Retry-After",
};

const SECURITY_SCHEMES = {
  tokenAuth: { type: "apiKey", in: "header", name: "Authorization", description: "`Token <key>`, the key from POST /api/login" },
  bearerAuth: { type: "http", scheme: "bearer", description: "The same key as `Bearer <key>`" },
  sessionAuth: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "The browser session of the site; mutations must carry this site's Origin",
  },
};

let cached: JsonObject | undefined;

/** The document without `servers` (added per host by the route). */
export function buildOpenApiDocument(): JsonObject {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "Polls API",
      version: "1.0.0",
      description:
        "The polls of one site. Every site has its own users, polls and tokens: a token from one site is refused on another. " +
        "Errors are `{ error: { code, message, fields? } }`.",
    },
    tags: [{ name: "accounts" }, { name: "polls" }, { name: "meta" }],
    paths: buildPaths(),
    components: { schemas: buildComponents(), securitySchemes: SECURITY_SCHEMES },
  };
  return cached;
}

function buildComponents(): JsonObject {
  return { ...componentSchemas(INPUT_COMPONENTS, "input"), ...componentSchemas(OUTPUT_COMPONENTS, "output") };
}

function componentSchemas(components: Record<string, z.ZodType>, io: "input" | "output"): JsonObject {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas: generated } = z.toJSONSchema(registry, { io, uri: componentRef, unrepresentable: "any" }) as {
    schemas: Record<string, JsonObject>;
  };
  return Object.fromEntries(Object.entries(generated).map(([id, schema]) => [id, withoutKeys(schema, ["$schema", "$id"])]));
}

function componentRef(id: string): string {
  return `#/components/schemas/${id}`;
}

/** A reference to the schema's component, or the schema itself when it is not a named one. */
function refTo(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const components: Record<string, z.ZodType> = io === "input" ? INPUT_COMPONENTS : OUTPUT_COMPONENTS;
  const id = Object.keys(components).find((name) => components[name] === schema);
  return id ? { $ref: componentRef(id) } : withoutKeys(z.toJSONSchema(schema, { io }) as JsonObject, ["$schema"]);
}

function buildPaths(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const operation of API_OPERATIONS) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method.toLowerCase()] = buildOperation(operation);
  }
  return paths;
}

function buildOperation(op: ApiOperation): JsonObject {
  const parameters = [...pathParameters(op.path), ...queryParameters(op.query)];
  const document: JsonObject = {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.path.startsWith("/api/polls") ? "polls" : op.path === "/api/openapi.json" ? "meta" : "accounts"],
    security: securityFor(op.auth),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: op.body.required, content: { "application/json": { schema: refTo(op.body.schema, "input") } } } }
      : {}),
    responses: {
      [String(op.success.status)]: {
        description: op.success.description,
        ...(op.success.schema ? { content: { [op.success.contentType ?? "application/json"]: { schema: refTo(op.success.schema, "output") } } } : {}),
      },
      ...errorResponses(op.errors),
    },
  };
  return document;
}

function securityFor(auth: ApiOperation["auth"]): JsonObject[] {
  const schemes = [{ tokenAuth: [] }, { bearerAuth: [] }, { sessionAuth: [] }];
  if (auth === "required") return schemes;
  if (auth === "optional") return [...schemes, {}];
  return [];
}

function pathParameters(path: string): JsonObject[] {
  const pathIdSchema = z.toJSONSchema(idSchema, { io: "input" });
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: withoutKeys(pathIdSchema, ["$schema"]),
  }));
}

function queryParameters(query: z.ZodObject | undefined): JsonObject[] {
  if (!query) return [];
  const generated = z.toJSONSchema(query, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(generated.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: generated.required?.includes(name) ?? false,
    schema,
  }));
}

function errorResponses(codes: ApiErrorCode[]): JsonObject {
  const statuses = [...new Set(codes.map((code) => API_ERROR_STATUS[code]))].sort();
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: `${ERROR_DESCRIPTIONS[status]} (${codes.filter((c) => API_ERROR_STATUS[c] === status).join(", ")})`,
        content: { "application/json": { schema: refTo(schemas.errorResource, "output") } },
      },
    ]),
  );
}

function withoutKeys(object: JsonObject, keys: string[]): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}
