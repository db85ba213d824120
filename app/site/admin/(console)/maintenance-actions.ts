"use server";
// The platform admin's maintenance switch. It re-checks the platform session itself (a layout guards
// pages, never the actions they post to), and reads the slug from the form only to look it up.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getPlatformAdmin } from "@/lib/platform/session";
import { TenancyError } from "@/lib/tenancy";
import { checkSlug, endMaintenance, MAX_MAINTENANCE_MESSAGE, startMaintenance } from "@/lib/tenancy/manage";

const switchSchema = z.object({
  slug: z.string().refine((slug) => checkSlug(slug).ok, "not a slug"),
  maintenance: z.enum(["on", "off"]),
  message: z.string().trim().max(MAX_MAINTENANCE_MESSAGE).optional(),
});

export async function setMaintenanceAction(formData: FormData): Promise<void> {
  if (!(await getPlatformAdmin())) redirect("/admin/login");
  const parsed = switchSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/admin");
  const { slug, maintenance, message } = parsed.data;
  try {
    if (maintenance === "on") await startMaintenance(slug, message);
    else await endMaintenance(slug);
  } catch (error) {
    if (error instanceof TenancyError) redirect("/admin"); // deleted meanwhile: the list says so
    throw error;
  }
  revalidatePath("/site/admin");
  redirect(`/admin?${new URLSearchParams({ [maintenance === "on" ? "down" : "up"]: slug })}`);
}
