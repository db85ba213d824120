// The page a tenant in maintenance mode answers with (from the proxy): a 503 readable without
// JavaScript, with Retry-After, kept by no cache.
import { NextResponse } from "next/server";
import { maintenanceText, MAINTENANCE_RETRY_AFTER_SECONDS, type Tenant } from "@/lib/tenancy";

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]);

export function maintenancePage(tenant: Tenant): NextResponse {
  const page =
    `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>Down for maintenance</title><h1>Down for maintenance</h1><p>${escapeHtml(maintenanceText(tenant))}</p></html>`;
  return new NextResponse(page, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": String(MAINTENANCE_RETRY_AFTER_SECONDS),
    },
  });
}
