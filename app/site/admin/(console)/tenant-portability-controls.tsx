// Per-tenant controls of the platform admin: the maintenance switch (a plain form posted to a server
// action, so it works without JavaScript) and the Export download (a route handler streaming the file).
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { findTenantBySlug } from "@/lib/tenancy";
import { setMaintenanceAction } from "./maintenance-actions";

export async function TenantPortabilityControls({ slug }: { slug: string }) {
  const tenant = await findTenantBySlug(slug);
  const down = tenant?.maintenance !== undefined;
  return (
    <>
      {down && <Badge tone="danger">Maintenance</Badge>}
      <form action={setMaintenanceAction} className="inline">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="maintenance" value={down ? "off" : "on"} />
        <Button type="submit" variant="secondary" size="sm">
          {down ? "End maintenance" : "Maintenance"}
          <span className="sr-only"> {slug}</span>
        </Button>
      </form>
      <a className={buttonClass({ variant: "secondary", size: "sm" })} href={`/admin/tenants/${slug}/export`} download>
        Export<span className="sr-only"> {slug}</span>
      </a>
    </>
  );
}
