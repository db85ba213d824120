// Platform admins: the operators of the whole platform, stored in the shared schema.
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordSchema, usernameSchema } from "@/lib/auth/users";
import { publicDb } from "@/lib/db/public-db";

export async function createPlatformAdmin(input: { username: string; password: string }) {
  const username = usernameSchema.parse(input.username);
  const password = passwordSchema.parse(input.password);
  return publicDb().platformAdmin.create({
    data: { username, passwordHash: await hashPassword(password) },
    select: { id: true, username: true },
  });
}

// Verifying against a throwaway hash when the admin does not exist keeps both answers equally slow.
let absentAdminHash: Promise<string> | undefined;

export async function checkPlatformAdmin(username: string, password: string) {
  const admin = await publicDb().platformAdmin.findUnique({
    where: { username },
    select: { id: true, username: true, passwordHash: true },
  });
  const valid = await verifyPassword(password, admin?.passwordHash ?? (await (absentAdminHash ??= hashPassword("absent-admin-placeholder"))));
  return admin && valid ? { id: admin.id, username: admin.username } : null;
}

export function countPlatformAdmins() {
  return publicDb().platformAdmin.count();
}
