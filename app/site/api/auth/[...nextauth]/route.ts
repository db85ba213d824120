// next-auth's endpoints on the root domain (/api/auth/* rewritten to /site/api/auth/*), for platform admins.
import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { platformAuthOptions } from "@/lib/platform/auth-options";
import { isPlatformRequest } from "@/lib/platform/session";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: RouteContext) {
  if (!(await isPlatformRequest())) {
    return Response.json({ error: { code: "not_found", message: "No such page" } }, { status: 404 });
  }
  return NextAuth(request, context, platformAuthOptions);
}

export { handler as GET, handler as POST };
