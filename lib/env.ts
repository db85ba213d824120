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

/** What only the web server needs; the CLIs do without. */
const serverSchema = z.object({
  /** Signs every session token; next-auth refuses to sign anyone in without it in production. */
  NEXTAUTH_SECRET:
    process.env.NODE_ENV === "production"
      ? z.string({ error: "required in production (e.g. `openssl rand -base64 32`)" }).min(32, "at least 32 characters")
      : z.string().optional(),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

export function env(): Env {
  return (parsed ??= parseEnv(schema));
}

/**
 * Checks everything the web server reads, once, as it boots (instrumentation.ts): a server with a missing
 * or malformed variable must not start, rather than fail at its first sign-in.
 */
export function checkServerEnv(): void {
  env();
  parseEnv(serverSchema);
}

function parseEnv<T extends z.ZodType>(shape: T): z.infer<T> {
  const result = shape.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return result.data;
}
