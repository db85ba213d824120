// Environment, validated once with zod: a missing or malformed variable fails loudly at start-up.
import { z } from "zod";

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });

const schema = z.object({
  /** The default PostgreSQL server. `npm start` and the tests set it (to the embedded server when unset). */
  DATABASE_URL: postgresUrl,
  /**
   * The same database without a transaction-pooling PgBouncer in between, for what needs a session of
   * its own: LISTEN and migrations. Unset (or empty): DATABASE_URL is direct already.
   */
  DIRECT_URL: z.preprocess((value) => (value === "" ? undefined : value), postgresUrl.optional()),
  /** Tenants live at `<slug>.<ROOT_DOMAIN>`; the root domain itself serves the platform pages. */
  ROOT_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/, "a bare host name such as polls.example.com or localhost")
    .default("localhost"),
  /** Connections per PostgreSQL server, shared by every tenant on it. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /** Tenant clients kept warm; the least recently used is dropped past this. */
  TENANT_CLIENT_CACHE_SIZE: z.coerce.number().int().min(1).default(500),
  /** Set to "1" only behind a front proxy that overwrites X-Forwarded-Host. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

export function env(): Env {
  if (!parsed) {
    const result = schema.safeParse(process.env);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    parsed = result.data;
  }
  return parsed;
}
