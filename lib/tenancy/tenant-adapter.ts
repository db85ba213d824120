// The driver adapter of a server's shared client: Prisma compiles every statement for the placeholder
// schema ("__tenant__"."Poll"); this wrapper names the current tenant's schema instead, just before
// the statement reaches PostgreSQL. A statement that escapes it still names "__tenant__", which does
// not exist, so it fails rather than reading anyone's data.
import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import {
  bindSql,
  currentTenant,
  PLACEHOLDER_SCHEMA,
  requireCurrentTenant,
  TenantScopeError,
  type TenantScope,
} from "@/lib/tenancy/tenant-scope";

/** A PrismaPg adapter on the server's shared pool whose statements run in the current tenant's schema. */
export function tenantAdapter(pool: pg.Pool): SqlDriverAdapterFactory {
  const factory = new PrismaPg(pool, { schema: PLACEHOLDER_SCHEMA });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      await refuseExistingPlaceholderSchema(pool);
      return bindAdapter(await factory.connect());
    },
  };
}

/** Refuses to serve tenants if the placeholder is a real schema: an unbound statement would then succeed. */
export async function refuseExistingPlaceholderSchema(pool: pg.Pool): Promise<void> {
  const { rowCount } = await pool.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [PLACEHOLDER_SCHEMA]);
  if (rowCount) {
    throw new Error(`A schema named "${PLACEHOLDER_SCHEMA}" exists on this server; tenant queries refuse to run until it is dropped or renamed`);
  }
}

function bindAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const bound = (query: SqlQuery): SqlQuery => ({ ...query, sql: bindSql(query.sql, requireCurrentTenant()) });
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: async (query) => adapter.queryRaw(bound(query)),
    executeRaw: async (query) => adapter.executeRaw(bound(query)),
    executeScript: (script) => adapter.executeScript(script),
    // A transaction is one tenant's from BEGIN to COMMIT: the tenant current at its start.
    startTransaction: async (isolationLevel) => bindTransaction(await adapter.startTransaction(isolationLevel), requireCurrentTenant()),
    getConnectionInfo: adapter.getConnectionInfo && (() => adapter.getConnectionInfo!()),
    dispose: () => adapter.dispose(),
  };
}

export function bindTransaction(transaction: Transaction, owner: TenantScope): Transaction {
  const bound = (query: SqlQuery): SqlQuery => ({ ...query, sql: bindSql(query.sql, transactionTenant(owner)) });
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: async (query) => transaction.queryRaw(bound(query)),
    executeRaw: async (query) => transaction.executeRaw(bound(query)),
    commit: () => transaction.commit(),
    rollback: () => transaction.rollback(),
    createSavepoint: transaction.createSavepoint && ((name) => transaction.createSavepoint!(name)),
    rollbackToSavepoint: transaction.rollbackToSavepoint && ((name) => transaction.rollbackToSavepoint!(name)),
    releaseSavepoint: transaction.releaseSavepoint && ((name) => transaction.releaseSavepoint!(name)),
  };
}

/** The transaction's own tenant; another tenant's statement on its connection is refused. */
function transactionTenant(owner: TenantScope): TenantScope {
  const current = currentTenant();
  if (current && current.schema !== owner.schema) {
    throw new TenantScopeError(`A query for tenant "${current.schema}" ran inside a transaction of tenant "${owner.schema}"`);
  }
  return owner;
}
