import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClass } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { Pagination } from "@/components/ui/pagination";
import { Page, PageHeader } from "@/components/ui/shell";
import { RowHeader, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { lockedUsernames } from "@/lib/auth/rate-limit";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers, toRole } from "@/lib/auth/users";
import { clampPage, pageFromParam } from "@/lib/pagination";
import { requireTenantContext } from "@/lib/tenancy/next";
import { accountAction, changeRoleAction, unlockUserAction } from "../actions";
import { AdminNav } from "../admin-nav";
import { AccountForm } from "./account-form";
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
    <Page>
      <AdminNav current="users" />
      <PageHeader
        title="Users"
        description={
          <>
            {count} {count === 1 ? "account" : "accounts"}
            {search && ` matching “${search}”`}, newest first
          </>
        }
        actions={
          <form role="search" action="/admin/users" className="flex gap-2">
            <label htmlFor="user-search" className="sr-only">
              Search users
            </label>
            <div className="w-56 max-sm:flex-1">
              <input id="user-search" type="search" name="q" defaultValue={search} placeholder="Username or email" className={controlClass} />
            </div>
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </form>
        }
      />
      {typeof query.unlocked === "string" && (
        <Alert tone="success" role="status">
          Unlocked {query.unlocked}: sign-ins are checked again from any browser.
        </Alert>
      )}
      {users.length === 0 ? (
        // Only a search can find none: the admin reading this is an account of the site.
        <EmptyState title="No account matches">
          <Link href="/admin/users">Show every account</Link>
        </EmptyState>
      ) : (
        <Table caption="Users of this site">
          <THead>
            <Th>Username</Th>
            <Th>Email</Th>
            <Th>Votes</Th>
            <Th>Joined</Th>
            <Th>Role</Th>
            <Th>Account</Th>
          </THead>
          <TBody>
            {users.map((user) => (
              <Tr key={user.id} data-testid={`user-${user.username}`}>
                <RowHeader>
                  <span className="wrap-anywhere">{user.username}</span>{" "}
                  {user.id === me.id && <Badge tone="soft">you</Badge>}{" "}
                  {user.disabledAt && <Badge tone="neutral">Disabled</Badge>}{" "}
                  {locked.has(user.username) && (
                    <>
                      <Badge tone="danger" title="Too many failed sign-ins: only browsers that signed in before can sign in">
                        Locked
                      </Badge>{" "}
                      <form action={unlockUserAction.bind(null, ctx.tenant.slug, user.id)} className="inline">
                        <Button type="submit" variant="secondary" size="sm">
                          Unlock<span className="sr-only"> {user.username}</span>
                        </Button>
                      </form>
                    </>
                  )}
                </RowHeader>
                <Td label="Email">{user.email ? <EmailAddress email={user.email} /> : <span className="text-muted">—</span>}</Td>
                <Td label="Votes">{user._count.votes}</Td>
                <Td label="Joined" className="whitespace-nowrap">
                  <LocalTime iso={user.createdAt.toISOString()} as="date" />
                </Td>
                <Td label="Role">
                  <RoleForm action={changeRoleAction.bind(null, ctx.tenant.slug, user.id)} username={user.username} role={toRole(user.role)} />
                </Td>
                <Td label="Account">
                  <AccountForm
                    action={accountAction.bind(null, ctx.tenant.slug, user.id)}
                    username={user.username}
                    disabled={Boolean(user.disabledAt)}
                    self={user.id === me.id}
                  />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={page} total={count} pageSize={PAGE_SIZE} href={href} />
    </Page>
  );
}

/** An address that wraps before its "@", not mid-word (a part wider than the whole column still breaks). */
function EmailAddress({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  if (at <= 0) return <span className="wrap-anywhere">{email}</span>;
  return (
    <span className="wrap-anywhere">
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </span>
  );
}
