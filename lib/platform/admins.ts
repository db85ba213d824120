// Platform admins: the operators of the whole platform, stored in the shared schema.
import { hashPassword, verifyAccountPassword } from "@/lib/auth/password";
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

export async function checkPlatformAdmin(username: string, password: string) {
  const admin = await publicDb().platformAdmin.findUnique({
    where: { username },
    select: { id: true, username: true, passwordHash: true },
  });
  const valid = await verifyAccountPassword(password, admin?.passwordHash);
  return admin && valid ? { id: admin.id, username: admin.username } : null;
}

export function countPlatformAdmins() {
  return publicDb().platformAdmin.count();
}
