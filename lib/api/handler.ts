// The wrapper every JSON route handler goes through (in the manner of dub's withWorkspace): it
// resolves the tenant from the request's host, authenticates, runs the handler and turns whatever it
// throws into `{ error: { code, message, fields? } }` with the right status. No handler can forget
// the tenant check or leak a stack trace.
import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { readJsonBody, type ReadJsonOptions } from "@/lib/api/body";
import { ApiError, errorResponse, maintenanceError, validationError } from "@/lib/api/errors";
import { getSessionClaims, sessionUser, type CurrentUser, type SessionClaims } from "@/lib/auth/session";
import { findTokenUser, parseAuthorization } from "@/lib/auth/tokens";
import { maintenanceText, type TenantDb } from "@/lib/tenancy";
import { findApiTenantContext, type TenantContext } from "@/lib/tenancy/next";

export type ApiAuth = "required" | "optional" | "none";
export type ApiUser = CurrentUser & { via: "token" | "session" };
type UserFor<A extends ApiAuth> = A extends "required" ? ApiUser : ApiUser | null;

/**
 * What a request presented to say who it is: an API token's key (null when the header held no key we could
 * have issued), or a session's claims. A response that outlives its request keeps them, to ask `apiUserOf`
 * again later without the request.
 */
export type ApiCredentials = { via: "token"; key: string | null } | { via: "session"; claims: SessionClaims };

export type ApiHandlerArgs<A extends ApiAuth> = {
  request: NextRequest;
  ctx: TenantContext;
  user: UserFor<A>;
  /** What identified `user` (null when the request presented nothing, or the route takes no auth). */
  credentials: ApiCredentials | null;
  params: Record<string, string>;
};

export type RouteContext = { params: Promise<Record<string, string>> };
export type RouteHandler = (request: NextRequest, context: RouteContext) => Promise<Response>;

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function withTenantApi<A extends ApiAuth>(
  options: { auth: A },
  handler: (args: ApiHandlerArgs<A>) => Promise<Response>,
): RouteHandler {
  return async (request, context) => {
    const params = await context.params;
    return runInContext(request, params, findApiTenantContext(noSuchSite), options, handler);
  };
}

/**
 * Authenticates and runs a handler for a resolved context. Only withTenantApi and the benchmark's
 * tenancy-bypassing baseline (app/bench-baseline) call it; the latter is a 404 unless BENCH_BASELINE_SCHEMA is set.
 */
export async function runInContext<A extends ApiAuth>(
  request: NextRequest,
  params: Record<string, string>,
  resolveContext: Promise<TenantContext | null>,
  options: { auth: A },
  handler: (args: ApiHandlerArgs<A>) => Promise<Response>,
): Promise<Response> {
  try {
    const ctx = await resolveContext;
    if (!ctx) noSuchSite();
    if (ctx.tenant.maintenance) throw maintenanceError(maintenanceText(ctx.tenant));
    const { user, credentials } = await authenticate(request, ctx, options.auth);
    return await handler({ request, ctx, user: user as UserFor<A>, credentials, params });
  } catch (error) {
    return withNoStore(errorResponse(error));
  }
}

/**
 * A token in the Authorization header decides alone: a wrong one is a 401 even where auth is
 * optional (a client that sent credentials wants to know they failed). Otherwise the browser session
 * counts, and for a session a mutation must come from a page on this same host (CSRF).
 */
async function authenticate(request: NextRequest, ctx: TenantContext, auth: ApiAuth): Promise<{ user: ApiUser | null; credentials: ApiCredentials | null }> {
  if (auth === "none") return { user: null, credentials: null };
  const credentials = await credentialsOf(request, ctx);
  const user = credentials ? await apiUserOf(ctx.db, credentials) : null;
  if (user === "invalid") throw unauthorized("Invalid token");
  if (user?.via === "session" && UNSAFE_METHODS.has(request.method) && !isSameOrigin(request.headers.get("origin"), ctx.host)) {
    throw new ApiError("forbidden", "Cross-origin request refused: the Origin must be this site");
  }
  if (!user && auth === "required") throw unauthorized("Authentication credentials were not provided");
  return { user, credentials };
}

/** The Authorization header's token if there is that header, else this tenant's session claims, else null. */
async function credentialsOf(request: NextRequest, ctx: TenantContext): Promise<ApiCredentials | null> {
  const presented = parseAuthorization(request.headers.get("authorization"));
  if (presented) return { via: "token", key: presented.key };
  const claims = await getSessionClaims(ctx);
  return claims ? { via: "session", claims } : null;
}

/**
 * Who the credentials name now, read from the tenant's database by the rules of every request: a token
 * whose key matches no row (revoked, or its account disabled) is "invalid" (a 401 at request time); a
 * session whose account is gone, disabled, signed out everywhere (session version raised) or expired is
 * nobody (null: the request goes on as anonymous). The role is the account's current one. The request's
 * check and the results stream's re-check on every change both ask here.
 */
export async function apiUserOf(db: TenantDb, credentials: ApiCredentials): Promise<ApiUser | "invalid" | null> {
  if (credentials.via === "token") {
    const user = credentials.key ? await findTokenUser(db, credentials.key) : null;
    return user ? { ...user, via: "token" } : "invalid";
  }
  const user = await sessionUser(db, credentials.claims);
  return user ? { ...user, via: "session" } : null;
}

/** Whether an Origin header names the host the request was routed on (a missing Origin does not). */
export function isSameOrigin(origin: string | null, host: string): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/** An unknown host, or a tenant that vanished while this request ran (its schema is gone). */
function noSuchSite(): never {
  throw new ApiError("not_found", "No such site");
}

function unauthorized(message: string) {
  return new ApiError("unauthorized", message, undefined, { "WWW-Authenticate": 'Token realm="api"' });
}

/** Reads the JSON body and parses it with a (strict) zod schema: every failure is a 4xx ApiError. */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S, options?: ReadJsonOptions): Promise<z.output<S>> {
  const result = schema.safeParse(await readJsonBody(request, options));
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** A JSON response that no shared cache keeps: tenant data must never be served across hosts. */
export function json(data: unknown, status = 200, headers?: Record<string, string>): Response {
  return withNoStore(Response.json(data, { status, headers }));
}

function withNoStore(response: Response): Response {
  response.headers.set("cache-control", "private, no-store");
  return response;
}
