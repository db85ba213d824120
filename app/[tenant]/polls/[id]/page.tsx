import type { Metadata } from "next";
import { requireTenantContext } from "@/lib/tenancy/context";
import { loadPoll, PollView } from "./poll-view";

type Props = { params: Promise<{ tenant: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant, id } = await params;
  const poll = await loadPoll(await requireTenantContext(tenant), id);
  return { title: poll.question };
}

export default async function PollPage({ params }: Props) {
  const { tenant, id } = await params;
  return <PollView ctx={await requireTenantContext(tenant)} rawId={id} />;
}
