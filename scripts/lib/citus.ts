// Tenant placement on a Citus cluster (schema-based sharding): each tenant schema is a distributed
// schema, placed whole on one node. Read from Citus's metadata tables on the coordinator, which answer
// without asking the workers (citus_shards would ask each of them for shard sizes).
import type pg from "pg";
import { z } from "zod";

export type CitusNode = { host: string; port: number };

/** `host:port`, the way Citus names a node (pg_dist_node) and the CLI takes one. */
export const nodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, "must be host:port, e.g. 10.0.0.5:5432")
  .transform((value): CitusNode => {
    const at = value.lastIndexOf(":");
    return { host: value.slice(0, at), port: Number(value.slice(at + 1)) };
  })
  .refine((node) => node.port >= 1 && node.port <= 65535, "the port must be 1-65535");

export function formatNode(node: CitusNode): string {
  return `${node.host}:${node.port}`;
}

/** Whether the server behind `pool` is a Citus coordinator (the extension is in its database). */
export { isCitus } from "@/lib/db/citus";

/**
 * The node holding each of `schemas` that is a distributed schema; a schema missing from the answer is
 * not distributed (it lives on the coordinator as a plain schema, or does not exist).
 */
export async function schemaNodes(pool: pg.Pool, schemas: string[]): Promise<Map<string, CitusNode>> {
  const { rows } = await pool.query<{ schema: string; host: string; port: number }>(
    `SELECT n.nspname AS schema, node.nodename AS host, node.nodeport AS port
       FROM pg_dist_schema ds
       JOIN pg_namespace n ON n.oid = ds.schemaid
       JOIN LATERAL (SELECT pl.groupid
                       FROM pg_dist_partition dp
                       JOIN pg_dist_shard sh ON sh.logicalrelid = dp.logicalrelid
                       JOIN pg_dist_placement pl ON pl.shardid = sh.shardid
                      WHERE dp.colocationid = ds.colocationid
                      LIMIT 1) placement ON true
       JOIN pg_dist_node node ON node.groupid = placement.groupid AND node.noderole = 'primary'
      WHERE n.nspname = ANY($1::text[])`,
    [schemas],
  );
  return new Map(rows.map((row) => [row.schema, { host: row.host, port: row.port }]));
}

/** The active primary nodes that can hold tenant schemas. */
export async function placementNodes(pool: pg.Pool): Promise<CitusNode[]> {
  const { rows } = await pool.query<{ host: string; port: number }>(
    `SELECT nodename AS host, nodeport AS port FROM pg_dist_node
      WHERE noderole = 'primary' AND isactive AND shouldhaveshards ORDER BY nodeid`,
  );
  return rows;
}

/**
 * Moves a distributed schema, every table of it, to `to` with citus_schema_move. In `auto` mode Citus
 * copies by logical replication and blocks writes only for the final catch-up; `block_writes` blocks
 * them for the whole copy.
 */
export async function moveSchema(pool: pg.Pool, schema: string, to: CitusNode, mode: "auto" | "block_writes"): Promise<void> {
  await pool.query("SELECT citus_schema_move($1::regnamespace, $2::text, $3::int, $4::citus.shard_transfer_mode)", [
    schema,
    to.host,
    to.port,
    mode,
  ]);
}
