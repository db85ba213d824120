// POST /api/login: username and password for a new API token (DRF's obtain_auth_token).
// Failures count against the same throttle as the sign-in form, so the API is no side door for guessing.
import { ApiError } from "@/lib/api/errors";
import { json, parseBody, withTenantApi } from "@/lib/api/handler";
import { apiRoute } from "@/lib/api/route";
import { loginBody } from "@/lib/api/schemas";
import { checkCredentials } from "@/lib/auth/options";
import { clientIp, retryMessage, throttledSignIn } from "@/lib/auth/rate-limit";
import { createApiToken } from "@/lib/auth/tokens";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/login", {
  POST: withTenantApi({ auth: "none" }, async ({ request, ctx }) => {
    const credentials = await parseBody(request, loginBody);
    const attempt = { tenant: ctx.tenant.slug, ip: clientIp(Object.fromEntries(request.headers)), username: credentials.username };
    const result = await throttledSignIn(attempt, () => checkCredentials(ctx, credentials));
    if (!result.ok && result.retryAfterMs !== undefined) {
      throw new ApiError("rate_limited", retryMessage(result.retryAfterMs), undefined, {
        "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)),
      });
    }
    if (!result.ok) throw new ApiError("invalid_credentials", "Unable to log in with the provided credentials");
    return json({ token: await createApiToken(ctx.db, result.user.id) });
  }),
});
