import { notFound } from "next/navigation";

// Without this catch-all an unmatched platform path would fall through to app/[tenant]/… with
// "site" as the tenant. Every unknown path on the root domain is simply a 404.
export default function PlatformNotFound() {
  notFound();
}
