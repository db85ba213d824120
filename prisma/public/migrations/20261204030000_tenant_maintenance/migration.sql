-- Maintenance mode per tenant: while "maintenanceSince" is set, the tenant's pages answer 503 with a
-- maintenance page, its API 503 JSON, and every write is refused.
ALTER TABLE "Tenant" ADD COLUMN "maintenanceSince" TIMESTAMP(3);
ALTER TABLE "Tenant" ADD COLUMN "maintenanceMessage" TEXT;
