// /api/docs: the OpenAPI document (/api/openapi.json) in Scalar's API reference, with "Test Request" sent to
// this tenant's own origin (decision 029). Without JavaScript (or until it runs) the page lists the operations
// and links to the document itself.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { siteOrigin } from "@/lib/api/pagination";
import { requireTenantContext } from "@/lib/tenancy/next";
import { ApiReference } from "./api-reference";

type Props = { params: Promise<{ tenant: string }> };
type Document = { info: { title: string }; paths: Record<string, Record<string, { operationId: string; summary: string }>> };

export const metadata: Metadata = { title: "API documentation" };

export default async function ApiDocs({ params }: Props) {
  const ctx = await requireTenantContext((await params).tenant);
  const origin = siteOrigin(await headers(), ctx.host);
  const document = buildOpenApiDocument() as unknown as Document;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), ...operation })),
  );

  return (
    <main className="api-docs">
      <h1 className="sr-only">
        {ctx.tenant.name} {document.info.title}
      </h1>
      <ApiReference
        origin={origin}
        fallback={
          <div className="mx-auto grid max-w-3xl gap-3 px-4 py-6">
            <p>
              The interactive reference needs JavaScript. The OpenAPI 3.1 document is at{" "}
              <a href="/api/openapi.json">/api/openapi.json</a>; its operations:
            </p>
            <ul>
              {operations.map((operation) => (
                <li key={operation.operationId}>
                  <code className="break-all">
                    {operation.method} {operation.path}
                  </code>{" "}
                  {operation.summary}
                </li>
              ))}
            </ul>
          </div>
        }
      />
    </main>
  );
}
