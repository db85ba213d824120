// Prisma's request handler merges same-tick findUnique calls (and the queries of one batch
// $transaction) into one batch, and runs the batch from a single process.nextTick: in the first
// caller's async context. On a client shared by tenants that sends thor's findUnique to potter's
// schema. Keyed here by tenant, and each batch run as its requests' tenant. Prisma offers no switch
// to turn batching off (prisma/orm #23730), so this reaches an internal and asserts its shape first.
import { Prisma } from "@/lib/generated/tenant/client";
import { requireCurrentTenant, runAsTenant, type TenantScope } from "@/lib/tenancy/tenant-scope";

type Request = object;
type BatcherOptions = {
  batchBy: (request: Request) => string | undefined;
  singleLoader: (request: Request) => Promise<unknown>;
  batchLoader: (requests: Request[]) => Promise<unknown>;
};

/** Makes the client's batcher tenant-aware; throws, naming the Prisma version, if its internals moved. */
export function keyBatchingByTenant(client: object): void {
  const options = batcherOptions(client);
  const tenantOf = new WeakMap<Request, TenantScope>();
  const { batchBy, singleLoader, batchLoader } = options;

  options.batchBy = (request) => {
    const tenant = requireCurrentTenant();
    tenantOf.set(request, tenant);
    const key = batchBy(request);
    return key === undefined ? undefined : `${tenant.schema}\u0000${key}`;
  };
  options.singleLoader = (request) => runAsTenant(tenantOf.get(request) ?? requireCurrentTenant(), () => singleLoader(request));
  // Every request of a batch has the same tenant: the tenant is part of the batch's key.
  options.batchLoader = (requests) => runAsTenant(tenantOf.get(requests[0]) ?? requireCurrentTenant(), () => batchLoader(requests));
}

function batcherOptions(client: object): BatcherOptions {
  const dataloader = (client as { _requestHandler?: { dataloader?: { options?: Partial<BatcherOptions> } } })._requestHandler?.dataloader;
  const options = dataloader?.options;
  const shaped = ["batchBy", "singleLoader", "batchLoader"].every((name) => typeof options?.[name as keyof BatcherOptions] === "function");
  if (!options || !shaped) {
    throw new Error(
      `Prisma ${Prisma.prismaVersion.client}: the client's request batcher (_requestHandler.dataloader.options.batchBy, singleLoader, batchLoader) ` +
        "is not where this version of the app expects it; tenants cannot share a client safely. Pin Prisma to the version in package.json",
    );
  }
  return options as BatcherOptions;
}
