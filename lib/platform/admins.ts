// Platform admins: the operators of the whole platform, stored in the shared schema.
import { hashPassword, verifyAccountPassword } from "@/lib/auth/password";
import { passwordSchema, usernameSchema } from "@/lib/auth/users";
import { publicDb } from "@/lib/db/public-db";
import { lockedUsernames, unlockAccount } from "@/lib/auth/rate-limit";
import { PLATFORM_THROTTLE_KEY } from "@/lib/platform/throttle-key";

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

/** Platform admins whose sign-ins are locked for every browser that has not signed in to them before. */
export async function lockedPlatformAdmins(): Promise<string[]> {
  const admins = await publicDb().platformAdmin.findMany({ select: { username: true }, orderBy: { username: "asc" } });
  const locked = await lockedUsernames(PLATFORM_THROTTLE_KEY, admins.map((admin) => admin.username));
  return admins.map((admin) => admin.username).filter((username) => locked.has(username));
}

/** Lifts the sign-in lock on a platform admin; false when there is no such admin. */
export async function unlockPlatformAdmin(username: string): Promise<boolean> {
  const admin = await publicDb().platformAdmin.findUnique({ where: { username }, select: { username: true } });
  if (admin) await unlockAccount(PLATFORM_THROTTLE_KEY, admin.username);
  return admin !== null;
}
