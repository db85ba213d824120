import Link from "next/link";

export function AdminNav({ current }: { current: "polls" | "users" | "settings" }) {
  return (
    <nav className="tabs" aria-label="Admin sections">
      <Link href="/admin" aria-current={current === "polls" ? "page" : undefined}>
        Polls
      </Link>
      <Link href="/admin/users" aria-current={current === "users" ? "page" : undefined}>
        Users
      </Link>
      <Link href="/admin/settings" aria-current={current === "settings" ? "page" : undefined}>
        Settings
      </Link>
    </nav>
  );
}
