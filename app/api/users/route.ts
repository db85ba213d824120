// POST /api/users: sign up. Anyone may; new users are voters (roles are given by admins elsewhere).
import { ApiError, isPrismaError } from "@/lib/api/errors";
import { json, parseBody, withTenantApi } from "@/lib/api/handler";
import { apiRoute } from "@/lib/api/route";
import { newUserBody } from "@/lib/api/schemas";
import { serializeUser } from "@/lib/api/serializers";
import { createUser } from "@/lib/auth/users";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute("/api/users", {
  POST: withTenantApi({ auth: "none" }, async ({ request, ctx }) => {
    const body = await parseBody(request, newUserBody);
    try {
      const user = await createUser(ctx.db, { ...body, role: "voter" });
      return json(serializeUser(user), 201);
    } catch (error) {
      if (isPrismaError(error, "P2002")) {
        throw new ApiError("conflict", "That username is taken", { username: "A user with that username already exists" });
      }
      throw error;
    }
  }),
});
