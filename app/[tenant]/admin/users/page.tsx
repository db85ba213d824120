import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { clampPage, pageFromParam } from "@/lib/polls/pagination";
import { requireTenantContext } from "@/lib/tenancy/context";
import { Pagination } from "../../_components/pagination";
import { changeRoleAction } from "../actions";
import { AdminNav } from "../admin-nav";
import { RoleForm } from "./role-form";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 25;

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ page?: string | string[] }> };

export default async function AdminUsers({ params, searchParams }: Props) {
  const ctx = await requireTenantContext((await params).tenant);
  const me = await requireAdmin(ctx, "/admin/users");
  let page = pageFromParam((await searchParams).page);
  let { count, users } = await listUsers(ctx.db, { page, pageSize: PAGE_SIZE });
  if (users.length === 0 && page > 1) {
    page = clampPage(page, count, PAGE_SIZE);
    ({ count, users } = await listUsers(ctx.db, { page, pageSize: PAGE_SIZE }));
  }

  return (
    <main className="page wide">
      <AdminNav current="users" />
      <div className="toolbar">
        <h1>Users</h1>
        <p className="muted">
          {count} {count === 1 ? "account" : "accounts"}
        </p>
      </div>
      <div className="table-scroll">
        <table className="table">
          <caption className="sr-only">Users of this site</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Email</th>
              <th scope="col">Votes</th>
              <th scope="col">Joined</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-testid={`user-${user.username}`}>
                <th scope="row">
                  {user.username}
                  {user.id === me.id && <span className="badge">you</span>}
                </th>
                <td>{user.email || <span className="muted">—</span>}</td>
                <td>{user._count.votes}</td>
                <td>
                  <time dateTime={user.createdAt.toISOString()}>{user.createdAt.toLocaleDateString("en-GB")}</time>
                </td>
                <td>
                  <RoleForm
                    action={changeRoleAction.bind(null, ctx.tenant.slug, user.id)}
                    username={user.username}
                    role={user.role === "admin" ? "admin" : "voter"}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} total={count} pageSize={PAGE_SIZE} href={(p) => `/admin/users?page=${p}`} />
    </main>
  );
}
