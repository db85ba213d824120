// Liveness and readiness answer on every host a load balancer may use — a tenant's, the platform's, or a
// bare address no site is served on — with counts only: no tenant data, no session.
import { hostOf, request } from "./http";
import { test, expect } from "./fixtures";

const HOSTS = ["thor.localhost", "localhost", "127.0.0.1", "nobody.example"].map(hostOf);

for (const host of HOSTS) {
  test(`/healthz and /readyz answer 200 on ${host}`, async () => {
    const health = await request(host, "/healthz");
    expect(health.status).toBe(200);
    expect(health.json()).toEqual({ status: "ok" });
    const ready = await request(host, "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: "ready", servers: 1, serversDown: 0, pendingSchemas: 0 });
    for (const response of [health, ready]) {
      expect(response.headers["set-cookie"]).toBeUndefined();
      expect(response.headers["cache-control"]).toBe("no-store");
    }
  });
}
