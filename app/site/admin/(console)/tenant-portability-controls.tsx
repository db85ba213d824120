// Per-tenant controls of the platform admin: the maintenance switch (a plain form posted to a server
// action, so it works without JavaScript) and the Export download (a route handler streaming the file).
import { findTenantBySlug } from "@/lib/tenancy";
import { setMaintenanceAction } from "./maintenance-actions";

export async function TenantPortabilityControls({ slug }: { slug: string }) {
  const tenant = await findTenantBySlug(slug);
  const down = tenant?.maintenance !== undefined;
  return (
    <>
      {down && <span className="badge danger">Maintenance</span>}{" "}
      <form action={setMaintenanceAction} className="inline-form">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="maintenance" value={down ? "off" : "on"} />
        <button type="submit" className="button small secondary">
          {down ? "End maintenance" : "Maintenance"}
          <span className="sr-only"> {slug}</span>
        </button>
      </form>{" "}
      <a className="button small secondary" href={`/admin/tenants/${slug}/export`} download>
        Export<span className="sr-only"> {slug}</span>
      </a>
    </>
  );
}
