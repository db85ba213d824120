// next-auth's endpoints on each tenant host (/api/auth/* rewritten to /<tenant>/api/auth/*),
// configured for that tenant alone.
import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptionsFor } from "@/lib/auth/options";
import { findTenantContext } from "@/lib/tenancy/next";

type RouteContext = { params: Promise<{ tenant: string; nextauth: string[] }> };

async function handler(request: NextRequest, context: RouteContext) {
  const tenant = await findTenantContext((await context.params).tenant);
  if (!tenant) return Response.json({ error: { code: "not_found", message: "No such site" } }, { status: 404 });
  return NextAuth(request, context, authOptionsFor(tenant));
}

export { handler as GET, handler as POST };
