import type { Metadata } from "next";
import { lockedUsernames } from "@/lib/auth/rate-limit";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers, toRole } from "@/lib/auth/users";
import { clampPage, pageFromParam } from "@/lib/pagination";
import { requireTenantContext } from "@/lib/tenancy/next";
import { Pagination } from "../../_components/pagination";
import { changeRoleAction, unlockUserAction } from "../actions";
import { AdminNav } from "../admin-nav";
import { RoleForm } from "./role-form";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 25;

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ page?: string | string[]; q?: string | string[]; unlocked?: string | string[] }>;
};

export default async function AdminUsers({ params, searchParams }: Props) {
  const ctx = await requireTenantContext((await params).tenant);
  const me = await requireAdmin(ctx, "/admin/users");
  const query = await searchParams;
  const search = typeof query.q === "string" ? query.q.trim().slice(0, 100) : "";
  let page = pageFromParam(query.page);
  let { count, users } = await listUsers(ctx.db, { page, pageSize: PAGE_SIZE }, search);
  if (users.length === 0 && page > 1) {
    page = clampPage(page, count, PAGE_SIZE);
    ({ count, users } = await listUsers(ctx.db, { page, pageSize: PAGE_SIZE }, search));
  }
  const locked = await lockedUsernames(ctx.tenant.slug, users.map((user) => user.username));
  const href = (p: number) => `/admin/users?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(p) })}`;

  return (
    <main className="page wide">
      <AdminNav current="users" />
      <div className="toolbar">
        <h1>Users</h1>
        <form role="search" action="/admin/users" className="search">
          <label htmlFor="user-search" className="sr-only">
            Search users
          </label>
          <input id="user-search" type="search" name="q" defaultValue={search} placeholder="Username or email" />
          <button type="submit" className="button secondary">
            Search
          </button>
        </form>
      </div>
      {typeof query.unlocked === "string" && (
        <p className="alert success" role="status">
          Unlocked {query.unlocked}: sign-ins are checked again from any browser.
        </p>
      )}
      <p className="muted">
        {count} {count === 1 ? "account" : "accounts"}
        {search && ` matching “${search}”`}, newest first
      </p>
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
                  {locked.has(user.username) && (
                    <>
                      <span className="badge danger" title="Too many failed sign-ins: only browsers that signed in before can sign in">
                        Locked
                      </span>
                      <form action={unlockUserAction.bind(null, ctx.tenant.slug, user.id)} className="inline-form">
                        <button type="submit" className="button small secondary">
                          Unlock<span className="sr-only"> {user.username}</span>
                        </button>
                      </form>
                    </>
                  )}
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
                    role={toRole(user.role)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} total={count} pageSize={PAGE_SIZE} href={href} />
    </main>
  );
}
