// BENCHMARK ONLY: a tenant's poll page (the same shell and view) with tenancy bypassed, for `npm run bench`
// to compare against: the proxy's matcher skips /bench-baseline, so there is no proxy pass (no host
// routing and no CSP nonce either) and no registry lookup. A 404 unless BENCH_BASELINE_SCHEMA is set.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { TenantShell } from "@/app/[tenant]/_components/tenant-shell";
import { loadPoll, PollView } from "@/app/[tenant]/polls/[id]/poll-view";
import { baselineContext } from "../../context";

type Props = { params: Promise<{ id: string }> };

async function requireBaselineContext() {
  const ctx = baselineContext((await headers()).get("host"));
  if (!ctx) notFound();
  return ctx;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const poll = await loadPoll(await requireBaselineContext(), (await params).id);
  return { title: poll.question };
}

export default async function BaselinePollPage({ params }: Props) {
  const ctx = await requireBaselineContext();
  return (
    <TenantShell ctx={ctx}>
      <PollView ctx={ctx} rawId={(await params).id} />
    </TenantShell>
  );
}
