// /api/docs: the OpenAPI document as a readable page, rendered on the server from the same document
// /api/openapi.json serves (no client-side viewer, no external assets).
import type { Metadata } from "next";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { requireTenantContext } from "@/lib/tenancy/next";

type Props = { params: Promise<{ tenant: string }> };
type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required: boolean; schema: Schema };
type ResponseDoc = { description: string; content?: Record<string, { schema: Schema }> };
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
    <main className="page">
      <p className="eyebrow">{tenant.name}</p>
      <h1>{document.info.title}</h1>
      <p className="lead">{document.info.description}</p>
      <p>
        Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Authenticate with{" "}
        <code>Authorization: Token &lt;key&gt;</code> (or <code>Bearer &lt;key&gt;</code>) using the key from{" "}
        <code>POST /api/login</code>.
      </p>

      <nav aria-label="Operations">
        <ul>
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
        <section key={operation.operationId} id={operation.operationId} className="card">
          <h2>
            <code>
              {method} {path}
            </code>
          </h2>
          <p>{operation.summary}</p>
          {operation.description && <p className="muted">{operation.description}</p>}
          <p>
            <strong>Authentication:</strong> {describeSecurity(operation.security)}
          </p>
          {operation.parameters && (
            <table className="table">
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
          <table className="table">
            <caption>Responses</caption>
            <tbody>
              {Object.entries(operation.responses).map(([status, response]) => (
                <tr key={status}>
                  <td>
                    <code>{status}</code>
                  </td>
                  <td>{response.description}</td>
                  <td>
                    {Object.entries(response.content ?? {}).map(([type, { schema }]) => (
                      <span key={type}>
                        <SchemaLabel schema={schema} />
                        {type !== "application/json" && ` (${type})`}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}

      <h2>Schemas</h2>
      {Object.entries(document.components.schemas).map(([name, schema]) => (
        <section key={name} id={`schema-${name}`} className="card">
          <h3>{name}</h3>
          <pre className="mono">{JSON.stringify(schema, null, 2)}</pre>
        </section>
      ))}
    </main>
  );
}

function SchemaLabel({ schema }: { schema: Schema }) {
  const ref = typeof schema.$ref === "string" ? schema.$ref.split("/").pop() : undefined;
  if (ref) return <a href={`#schema-${ref}`}>{ref}</a>;
  return <code>{JSON.stringify(schema)}</code>;
}

function describeSecurity(security: Record<string, string[]>[]): string {
  if (security.length === 0) return "none";
  const anonymous = security.some((requirement) => Object.keys(requirement).length === 0);
  return anonymous ? "optional (token or session)" : "required (token or session)";
}
