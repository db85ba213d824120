// The tenancy core's configuration, given once at the app's edge (configureTenancy) instead of read from
// the environment inside the core. The database layer's part is passed down to lib/db.
import { configSlot, configureDatabase, type ConfigSource, type DatabaseConfig } from "@/lib/db/config";

export type TenancyConfig = DatabaseConfig & {
  /** Tenants live at `<slug>.<rootDomain>`; the root domain itself is the platform. */
  rootDomain: string;
  /** Whether a front proxy overwrites X-Forwarded-Host, so the host may be taken from it. */
  trustProxy: boolean;
  /** Tenant clients kept warm; the least recently used is dropped past this. */
  clientCacheSize: number;
};

const slot = configSlot<TenancyConfig>("the tenancy core", "call configureTenancy() at the app's entry point (lib/tenancy/README.md)");

/** Configures the core (and the database layer under it). A function is called at each use, so it may read what is set later. */
export function configureTenancy(source: ConfigSource<TenancyConfig>): void {
  slot.set(source);
  configureDatabase(slot.get);
}

export const tenancyConfig = slot.get;
