// Prisma CLI config for the shared (public) schema: the tenant registry and platform admins.
// The app applies these migrations itself (lib/db/migrations.ts); the CLI is for `migrate dev` and `status`.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
