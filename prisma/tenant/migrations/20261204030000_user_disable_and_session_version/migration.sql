-- An admin can disable an account (it can no longer sign in, and its sessions and tokens stop working), and
-- every session names the account's session version: raising it (disable, a password set by an admin) ends
-- every browser session issued before.
ALTER TABLE "User" ADD COLUMN "disabledAt" TIMESTAMP(3);
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
