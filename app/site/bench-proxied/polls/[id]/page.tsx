// BENCHMARK ONLY: the tenancy-free poll page of app/bench-baseline, reached through the proxy on the root
// domain (/bench-proxied/polls/:id): the same proxy pass as a tenant's page (CSP nonce, rewrite), no tenant
// lookup. It splits the poll page's overhead into the proxy pass and tenancy. A 404 unless BENCH_BASELINE_SCHEMA is set.
export { default, generateMetadata } from "@/app/bench-baseline/polls/[id]/page";
