// Prisma CLI config for the tenant schema: the Polls models, migrated into every tenant's own schema.
// Point DATABASE_URL at one tenant with `?schema=<slug>`, e.g. for `prisma migrate status`.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
