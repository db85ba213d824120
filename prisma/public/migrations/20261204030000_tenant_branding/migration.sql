-- A tenant's branding, beside its display name: a short description, an accent colour (#rrggbb) and an
-- optional logo URL (https, or a path on the tenant's own site). The CHECKs repeat the app's zod rules, so
-- nothing written past the app (a psql session, a script) can put anything else into a page's CSS.
ALTER TABLE "Tenant" ADD COLUMN "description" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Tenant" ADD COLUMN "accentColor" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "logoUrl" TEXT;
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_accentColor_check" CHECK ("accentColor" ~ '^#[0-9a-f]{6}$');
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_description_check" CHECK (char_length("description") <= 200);
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_logoUrl_check" CHECK (char_length("logoUrl") <= 500 AND ("logoUrl" ~ '^https://' OR "logoUrl" ~ '^/[^/\\]'));
