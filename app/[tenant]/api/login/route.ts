// POST /api/login: username and password for a new API token (DRF's obtain_auth_token).
import { ApiError } from "@/lib/api/errors";
import { json, parseBody, withTenantApi } from "@/lib/api/handler";
import { apiRoute } from "@/lib/api/route";
import { loginBody } from "@/lib/api/schemas";
import { checkCredentials } from "@/lib/auth/options";
import { createApiToken } from "@/lib/auth/tokens";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/login", {
  POST: withTenantApi({ auth: "none" }, async ({ request, ctx }) => {
    const credentials = await parseBody(request, loginBody);
    const user = await checkCredentials(ctx, credentials);
    if (!user) throw new ApiError("invalid_credentials", "Unable to log in with the provided credentials");
    return json({ token: await createApiToken(ctx.db, user.id) });
  }),
});
