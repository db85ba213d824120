// The demo tenants `npm start` seeds on first run: thor and potter, each with an admin and its own polls;
// and sample polls for any tenant (`npm run tenants -- exec <slug> -- seed`).
import { createUser } from "@/lib/auth/users";
import { generatePassword } from "@/lib/auth/password";
import { TenancyError, tenantDb, type TenantDb } from "@/lib/tenancy";
import { createTenant, deleteTenant, updateTenantBranding } from "@/lib/tenancy/manage";
import { DEMO_TENANTS } from "@/lib/seed/demo-data";

export { DEMO_TENANTS };

export type DemoCredential = { tenant: string; username: string; password: string };

/** Polls for a tenant that is not one of the demo tenants. */
const SAMPLE_POLLS = [
  { question: "What's up?", choices: ["Not much", "The sky", "Just hacking again"] },
  { question: "Which day suits the team lunch best?", choices: ["Tuesday", "Wednesday", "Friday"] },
] as const;

type PollSeed = { question: string; choices: readonly string[] };

/**
 * Creates one demo tenant with its admin and polls; returns the admin's credentials. All or nothing:
 * a tenant left without its admin would never be seeded again, since seeding runs on an empty registry.
 */
export async function seedDemoTenant(demo: (typeof DEMO_TENANTS)[number], password = generatePassword()): Promise<DemoCredential> {
  const tenant = await createTenant({ slug: demo.slug, name: demo.name });
  try {
    await updateTenantBranding(demo.slug, { name: demo.name, ...demo.branding });
    const db = tenantDb(tenant);
    const admin = await createUser(db, { username: "admin", email: `admin@${demo.slug}.example`, password, role: "admin" });
    await createPolls(db, admin.id, demo.polls);
    return { tenant: demo.slug, username: admin.username, password };
  } catch (error) {
    await deleteTenant(tenant.slug);
    throw error;
  }
}

/**
 * Seeds sample polls into an existing tenant, authored by its first admin. A tenant that already has
 * polls is left alone, so seeding twice (or `--all`) is safe. Returns the number of polls created.
 */
export async function seedSamplePolls(db: TenantDb, slug: string): Promise<number> {
  if ((await db.poll.count()) > 0) return 0;
  const admin = await db.user.findFirst({ where: { role: "admin" }, orderBy: { id: "asc" }, select: { id: true } });
  if (!admin) throw new TenancyError("not_found", `${slug} has no admin user to author the polls; create one with createsuperuser`);
  const polls = DEMO_TENANTS.find((demo) => demo.slug === slug)?.polls ?? SAMPLE_POLLS;
  await createPolls(db, admin.id, polls);
  return polls.length;
}

async function createPolls(db: TenantDb, authorId: number, polls: readonly PollSeed[]): Promise<void> {
  for (const [index, poll] of polls.entries()) {
    await db.poll.create({
      data: {
        question: poll.question,
        createdById: authorId,
        // Oldest first, so the first poll listed is the newest one.
        pubDate: new Date(Date.now() - (polls.length - index) * 60_000),
        choices: { create: poll.choices.map((choiceText) => ({ choiceText })) },
      },
      select: { id: true },
    });
  }
}
