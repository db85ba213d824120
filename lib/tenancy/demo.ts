// The demo tenants `npm start` seeds on first run: thor and potter, each with an admin and its own polls.
import { createUser } from "@/lib/auth/users";
import { generatePassword } from "@/lib/auth/password";
import { createTenant } from "@/lib/tenancy/provision";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { DEMO_TENANTS } from "@/lib/tenancy/demo-data";

export { DEMO_TENANTS };

export type DemoCredential = { tenant: string; username: string; password: string };

/** Creates one demo tenant with its admin and polls; returns the admin's credentials. */
export async function seedDemoTenant(demo: (typeof DEMO_TENANTS)[number], password = generatePassword()): Promise<DemoCredential> {
  const tenant = await createTenant({ slug: demo.slug, name: demo.name });
  const db = tenantDb(tenant);
  const admin = await createUser(db, { username: "admin", email: `admin@${demo.slug}.example`, password, role: "admin" });
  for (const [index, poll] of demo.polls.entries()) {
    await db.poll.create({
      data: {
        question: poll.question,
        createdById: admin.id,
        // Oldest first, so the first poll listed is the newest one.
        pubDate: new Date(Date.now() - (demo.polls.length - index) * 60_000),
        choices: { create: poll.choices.map((choiceText) => ({ choiceText })) },
      },
    });
  }
  return { tenant: demo.slug, username: admin.username, password };
}
