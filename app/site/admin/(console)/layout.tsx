import { requirePlatformAdmin } from "@/lib/platform/session";

/** The platform console: platform admins only (the others are sent to its sign-in page). */
export default async function PlatformConsoleLayout({ children }: { children: React.ReactNode }) {
  await requirePlatformAdmin("/admin");
  return children;
}
