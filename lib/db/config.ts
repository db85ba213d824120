// Settings given once by the app, never read from the environment here: the database layer's own
// (DatabaseConfig) and, through the same slots, the tenancy core's (lib/tenancy/config.ts). A slot lives
// on globalThis: Next evaluates the proxy's bundle and the app's separately in one process, and both
// must see the one configuration the app's entry point gave.

export type DatabaseConfig = {
  /** The registry's server, and every tenant's without a `databaseUrl` of its own; may be a PgBouncer. */
  databaseUrl: string;
  /** The same server past any pooler, for LISTEN and migrations; unset: `databaseUrl` is direct already. */
  directUrl?: string;
  /** Connections per PostgreSQL server, shared by every tenant on it. */
  poolSize: number;
  /** The folder holding `public/` and `tenant/`, each a Prisma folder with `migrations/`. */
  migrationsRoot: string;
};

/** A configuration, or a function that gives it: called at each use, so it may read what is set later. */
export type ConfigSource<T> = T | (() => T);

export type ConfigSlot<T> = { set(source: ConfigSource<T>): void; get(): T; isSet(): boolean };

export function configSlot<T extends object>(name: string, howToSet: string): ConfigSlot<T> {
  const key = Symbol.for(`polls.config.${name}`);
  const store = globalThis as unknown as Record<symbol, ConfigSource<T> | undefined>;
  return {
    set: (source) => void (store[key] = source),
    get: () => {
      const source = store[key];
      if (source === undefined) throw new Error(`${name} is not configured: ${howToSet}`);
      return typeof source === "function" ? source() : source;
    },
    isSet: () => store[key] !== undefined,
  };
}

const database = configSlot<DatabaseConfig>("the database layer", "call configureTenancy() at the app's entry point (lib/tenancy/README.md)");

export const configureDatabase = database.set;
export const databaseConfig = database.get;
