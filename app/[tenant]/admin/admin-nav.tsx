import Link from "next/link";

const TAB = "-mb-px border-b-3 px-4 py-2 font-semibold text-muted no-underline hover:text-brand aria-[current=page]:border-brand aria-[current=page]:text-brand";

export function AdminNav({ current }: { current: "polls" | "users" | "settings" }) {
  return (
    <nav aria-label="Admin sections" className="flex gap-1 border-b border-line">
      <Link href="/admin" aria-current={current === "polls" ? "page" : undefined} className={`${TAB} border-transparent`}>
        Polls
      </Link>
      <Link href="/admin/users" aria-current={current === "users" ? "page" : undefined} className={`${TAB} border-transparent`}>
        Users
      </Link>
      <Link href="/admin/settings" aria-current={current === "settings" ? "page" : undefined} className={`${TAB} border-transparent`}>
        Settings
      </Link>
    </nav>
  );
}
