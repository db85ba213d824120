// Whether a server is a Citus coordinator: what refuses triggers on tenant tables, and moves tenants itself.
import type pg from "pg";

export async function isCitus(db: pg.Pool | pg.ClientBase): Promise<boolean> {
  const { rowCount } = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
  return (rowCount ?? 0) > 0;
}
