import { describe, expect, it } from "vitest";
import { deviceCookieName, issueDeviceCookie, trustedDevice } from "@/lib/auth/device-cookie";

const SECRET = "test-secret";

describe("device cookies", () => {
  it("trust a browser for the one account and tenant they were issued for", () => {
    const cookie = issueDeviceCookie("thor", "admin", SECRET);
    expect(trustedDevice(cookie, "thor", "admin", SECRET)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(trustedDevice(cookie, "potter", "admin", SECRET)).toBeNull();
    expect(trustedDevice(cookie, "thor", "alice", SECRET)).toBeNull();
  });

  it("refuse a forged, altered or expired cookie", () => {
    const cookie = issueDeviceCookie("thor", "admin", SECRET, Date.now() - 91 * 24 * 3600_000);
    expect(trustedDevice(cookie, "thor", "admin", SECRET)).toBeNull(); // expired
    const fresh = issueDeviceCookie("thor", "admin", SECRET);
    expect(trustedDevice(fresh, "thor", "admin", "another secret")).toBeNull();
    const [payload, mac] = fresh.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, username: "root" })).toString("base64url");
    expect(trustedDevice(`${altered}.${mac}`, "thor", "root", SECRET)).toBeNull();
    for (const junk of [undefined, "", "x", "a.b.c", `${payload}.`]) expect(trustedDevice(junk, "thor", "admin", SECRET)).toBeNull();
  });

  it("name one cookie per tenant and account, in characters a cookie name may hold", () => {
    const names = [deviceCookieName("thor", "admin"), deviceCookieName("thor", "alice"), deviceCookieName("potter", "admin")];
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
