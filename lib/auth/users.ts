// Tenant users: they live in the tenant's schema, so thor's users do not exist on potter.
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import type { TenantDb } from "@/lib/tenancy/tenant-db";

export const ROLES = ["admin", "voter"] as const;
export type Role = (typeof ROLES)[number];

export const usernameSchema = z
  .string()
  .trim()
  .min(3, "Username must be at least 3 characters")
  .max(40, "Username must be at most 40 characters")
  .regex(/^[A-Za-z0-9_.@+-]+$/, "Use letters, digits and . @ + - _ only");
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
