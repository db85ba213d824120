import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Page } from "@/components/ui/shell";
import { requireAdmin } from "@/lib/auth/session";
import { requireTenantContext } from "@/lib/tenancy/next";
import { createPollAction } from "../../actions";
import { PollForm } from "../../poll-form";

export const metadata: Metadata = { title: "New poll" };

const BLANK = { question: "", choices: [{ id: null, text: "" }, { id: null, text: "" }, { id: null, text: "" }] };

export default async function NewPollPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await requireTenantContext((await params).tenant);
  await requireAdmin(ctx, "/admin/polls/new");

  return (
    <Page width="medium">
      <p className="text-sm font-semibold">
        <Link href="/admin">← Polls</Link>
      </p>
      <Card className="grid gap-4">
        <h1>New poll</h1>
        <PollForm action={createPollAction.bind(null, ctx.tenant.slug)} initial={BLANK} submitLabel="Create poll" />
      </Card>
    </Page>
  );
}
