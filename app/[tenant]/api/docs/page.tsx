// /api/docs: the OpenAPI document as a readable page, rendered on the server from the same document
// /api/openapi.json serves (no client-side viewer, no external assets).
import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Page, PageHeader } from "@/components/ui/shell";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { requireTenantContext } from "@/lib/tenancy/next";

type Props = { params: Promise<{ tenant: string }> };
type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required: boolean; schema: Schema };
type ResponseDoc = { description: string; content?: { "application/json": { schema: Schema } } };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: { "application/json": { schema: Schema } } };
  responses: Record<string, ResponseDoc>;
};
type Document = {
  info: { title: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

export const metadata: Metadata = { title: "API documentation" };

export default async function ApiDocs({ params }: Props) {
  const { tenant } = await requireTenantContext((await params).tenant);
  const document = buildOpenApiDocument() as unknown as Document;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );

  return (
    <Page
      width="medium"
      className="[&_table]:w-full [&_td]:border-b [&_td]:border-line [&_td]:p-2 [&_td]:align-top [&_th]:p-2 [&_th]:text-left max-sm:[&_table,&_tbody,&_thead,&_tr,&_td,&_th]:block max-sm:[&_thead]:sr-only"
    >
      <PageHeader eyebrow={tenant.name} title={document.info.title} description={document.info.description} />
      <p>
        Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Authenticate with{" "}
        <code>Authorization: Token &lt;key&gt;</code> (or <code>Bearer &lt;key&gt;</code>) using the key from{" "}
        <code>POST /api/login</code>.
      </p>

      <nav aria-label="Operations">
        <ul className="grid gap-1">
          {operations.map(({ path, method, operation }) => (
            <li key={operation.operationId}>
              <a href={`#${operation.operationId}`}>
                <code>
                  {method} {path}
                </code>
              </a>{" "}
              — {operation.summary}
            </li>
          ))}
        </ul>
      </nav>

      {operations.map(({ path, method, operation }) => (
        <Card as="section" key={operation.operationId} id={operation.operationId} className="grid min-w-0 gap-3">
          <h2>
            <code>
              {method} {path}
            </code>
          </h2>
          <p>{operation.summary}</p>
          {operation.description && <p className="text-muted">{operation.description}</p>}
          <p>
            <strong>Authentication:</strong> {describeSecurity(operation.security)}
          </p>
          {operation.parameters && (
            <table>
              <caption>Parameters</caption>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>In</th>
                  <th>Required</th>
                  <th>Schema</th>
                </tr>
              </thead>
              <tbody>
                {operation.parameters.map((parameter) => (
                  <tr key={`${parameter.in}-${parameter.name}`}>
                    <td>
                      <code>{parameter.name}</code>
                    </td>
                    <td>{parameter.in}</td>
                    <td>{parameter.required ? "yes" : "no"}</td>
                    <td>
                      <SchemaLabel schema={parameter.schema} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {operation.requestBody && (
            <p>
              <strong>Body</strong> ({operation.requestBody.required ? "required" : "optional"}, application/json):{" "}
              <SchemaLabel schema={operation.requestBody.content["application/json"].schema} />
            </p>
          )}
          <table>
            <caption>Responses</caption>
            <tbody>
              {Object.entries(operation.responses).map(([status, response]) => (
                <tr key={status}>
                  <td>
                    <code>{status}</code>
                  </td>
                  <td>{response.description}</td>
                  <td>{response.content && <SchemaLabel schema={response.content["application/json"].schema} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ))}

      <h2>Schemas</h2>
      {Object.entries(document.components.schemas).map(([name, schema]) => (
        <Card as="section" key={name} id={`schema-${name}`} className="grid min-w-0 gap-2">
          <h3>{name}</h3>
          <pre className="rounded-lg bg-slate-50 p-3 text-sm whitespace-pre-wrap">{JSON.stringify(schema, null, 2)}</pre>
        </Card>
      ))}
    </Page>
  );
}

function SchemaLabel({ schema }: { schema: Schema }) {
  const ref = typeof schema.$ref === "string" ? schema.$ref.split("/").pop() : undefined;
  if (ref) return <a href={`#schema-${ref}`}>{ref}</a>;
  return <code className="break-all">{JSON.stringify(schema)}</code>;
}

function describeSecurity(security: Record<string, string[]>[]): string {
  if (security.length === 0) return "none";
  const anonymous = security.some((requirement) => Object.keys(requirement).length === 0);
  return anonymous ? "optional (token or session)" : "required (token or session)";
}
