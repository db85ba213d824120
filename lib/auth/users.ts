// Tenant users: they live in the tenant's schema, so thor's users do not exist on potter.
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { Prisma } from "@/lib/generated/tenant/client";
import { inSerializableTransaction, type TenantDb } from "@/lib/tenancy";
import { pageOffset } from "@/lib/pagination";

export const ROLES = ["admin", "voter"] as const;
export type Role = (typeof ROLES)[number];

/** A stored role as the app knows it: anything but "admin" grants no more than a voter's rights. */
export function toRole(stored: string): Role {
  return stored === "admin" ? "admin" : "voter";
}

/**
 * The one spelling of a username that is stored and looked up: trimmed, ASCII letters lower-cased
 * (decision 014). Only ASCII is folded, so a look-alike (a Kelvin sign, a fullwidth or Cyrillic letter)
 * never turns into someone else's name.
 */
export function normalizeUsername(raw: string): string {
  return raw.trim().replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** A new username: ASCII only, so no two names can look alike; stored lower-cased. */
export const usernameSchema = z
  .string()
  .trim()
  .min(3, "Username must be at least 3 characters")
  .max(40, "Username must be at most 40 characters")
  .regex(/^[A-Za-z0-9_.@+-]+$/, "Use plain letters a–z, digits and . @ + - _ only (no accented or look-alike letters)")
  .transform(normalizeUsername);
export const passwordSchema = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(200, "Password must be at most 200 characters");
export const emailSchema = z.union([z.literal(""), z.email("Enter a valid email address").max(254)]);

export const newUserSchema = z.object({
  username: usernameSchema,
  email: emailSchema.default(""),
  password: passwordSchema,
  role: z.enum(ROLES).default("voter"),
});
export type NewUser = z.input<typeof newUserSchema>;

export async function createUser(db: TenantDb, input: NewUser) {
  const user = newUserSchema.parse(input);
  return db.user.create({
    data: { username: user.username, email: user.email, role: user.role, passwordHash: await hashPassword(user.password) },
    select: { id: true, username: true, email: true, role: true },
  });
}

/** What a visitor fills in on the sign-up page; the role is never theirs to choose. */
export const signUpSchema = z.object({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
});

/** Creates a voter from the sign-up form; a taken username is an expected answer, not an error. */
export async function signUpUser(db: TenantDb, input: z.infer<typeof signUpSchema>) {
  try {
    return { ok: true as const, user: await createUser(db, { ...input, role: "voter" }) };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false as const, code: "username_taken" as const };
    }
    throw error;
  }
}

/** Users newest first, optionally those whose username or email contains `search`. */
export async function listUsers(db: TenantDb, { page, pageSize }: { page: number; pageSize: number }, search = "") {
  const where = search
    ? { OR: [{ username: { contains: search, mode: "insensitive" as const } }, { email: { contains: search, mode: "insensitive" as const } }] }
    : {};
  const [count, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: { id: "desc" },
      skip: pageOffset(page, pageSize),
      take: pageSize,
      select: { id: true, username: true, email: true, role: true, createdAt: true, _count: { select: { votes: true } } },
    }),
  ]);
  return { count, users };
}

export type ChangeRoleResult = { ok: true } | { ok: false; code: "not_found" | "last_admin" };

/**
 * Sets a user's role, refusing to demote the tenant's last admin. The check and the write run in one
 * serializable transaction: two admins demoting each other at once cannot both succeed.
 */
export async function changeUserRole(db: TenantDb, userId: number, role: Role): Promise<ChangeRoleResult> {
  return inSerializableTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!user) return { ok: false, code: "not_found" } as const;
    if (user.role === "admin" && role !== "admin") {
      const admins = await tx.user.count({ where: { role: "admin" } });
      if (admins <= 1) return { ok: false, code: "last_admin" } as const;
    }
    await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true } });
    return { ok: true } as const;
  });
}
