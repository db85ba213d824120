import type { Metadata } from "next";
import { requireTenantContext } from "@/lib/tenancy/next";
import { loadPoll, PollView, refusalOf } from "./poll-view";

type Props = { params: Promise<{ tenant: string; id: string }>; searchParams: Promise<{ refused?: string | string[] }> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { tenant, id } = await params;
  const poll = await loadPoll(await requireTenantContext(tenant), id);
  return { title: poll.question };
}

export default async function PollPage({ params, searchParams }: Props) {
  const { tenant, id } = await params;
  return <PollView ctx={await requireTenantContext(tenant)} rawId={id} refusal={refusalOf((await searchParams).refused)} />;
}
