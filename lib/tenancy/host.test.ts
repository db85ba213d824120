import { describe, expect, it } from "vitest";
import { classifyHost, effectiveHost, hostName, requestProtocol, tenantOrigin } from "@/lib/tenancy/host";

const headers = (values: Record<string, string>) => new Headers(values);

describe("classifyHost", () => {
  it.each([
    ["thor.localhost:3000", { kind: "subdomain", slug: "thor" }],
    ["THOR.LocalHost:3000", { kind: "subdomain", slug: "thor" }],
    ["thor.localhost.", { kind: "subdomain", slug: "thor" }],
    ["localhost:3000", { kind: "root" }],
    ["www.localhost", { kind: "root" }],
    ["polls.thor-fans.example", { kind: "custom", domain: "polls.thor-fans.example" }],
  ])("%s → %j", (host, route) => {
    expect(classifyHost(host, "localhost")).toEqual(route);
  });

  it("routes nested subdomains and empty hosts nowhere", () => {
    expect(classifyHost("a.thor.localhost", "localhost")).toBeNull();
    expect(classifyHost(".localhost", "localhost")).toBeNull();
    expect(classifyHost("", "localhost")).toBeNull();
    expect(classifyHost(null, "localhost")).toBeNull();
  });

  it("works with a real root domain", () => {
    expect(classifyHost("thor.polls.example.com", "polls.example.com")).toEqual({ kind: "subdomain", slug: "thor" });
    expect(classifyHost("polls.example.com", "polls.example.com")).toEqual({ kind: "root" });
    expect(classifyHost("evilpolls.example.com", "polls.example.com")).toEqual({ kind: "custom", domain: "evilpolls.example.com" });
  });
});

describe("effectiveHost", () => {
  it("ignores a client's X-Forwarded-Host on a tenant host", () => {
    const h = headers({ host: "thor.localhost:3000", "x-forwarded-host": "potter.localhost:3000" });
    expect(effectiveHost(h, "localhost", false)).toBe("thor.localhost:3000");
  });

  it("honours X-Forwarded-Host on a loopback or root host (Next's re-fetch after a server action redirect)", () => {
    expect(effectiveHost(headers({ host: "localhost:3000", "x-forwarded-host": "thor.localhost:3000" }), "localhost", false)).toBe(
      "thor.localhost:3000",
    );
    expect(
      effectiveHost(headers({ host: "127.0.0.1:3000", "x-forwarded-host": "thor.polls.example.com" }), "polls.example.com", false),
    ).toBe("thor.polls.example.com");
  });

  it("honours X-Forwarded-Host everywhere behind a trusted proxy, first value only", () => {
    const h = headers({ host: "10.0.0.5:3000", "x-forwarded-host": "potter.polls.example.com, evil.example" });
    expect(effectiveHost(h, "polls.example.com", true)).toBe("potter.polls.example.com");
    expect(effectiveHost(h, "polls.example.com", false)).toBe("10.0.0.5:3000");
  });
});

describe("hostName and tenantOrigin", () => {
  it("strip ports and keep IPv6 literals whole", () => {
    expect(hostName("[::1]:3000")).toBe("[::1]");
    expect(hostName("Example.COM:443")).toBe("example.com");
  });

  it("build a tenant's origin with the request's port", () => {
    expect(tenantOrigin("thor", "localhost", "localhost:3000")).toBe("http://thor.localhost:3000");
    expect(tenantOrigin("thor", "polls.example.com", "polls.example.com", "https")).toBe("https://thor.polls.example.com");
  });

  it("take https only from X-Forwarded-Proto saying so (its first entry)", () => {
    expect(requestProtocol(headers({ "x-forwarded-proto": "https" }))).toBe("https");
    expect(requestProtocol(headers({ "x-forwarded-proto": "HTTPS, http" }))).toBe("https");
    expect(requestProtocol(headers({ "x-forwarded-proto": "http, https" }))).toBe("http");
    expect(requestProtocol(headers({ "x-forwarded-proto": "javascript" }))).toBe("http");
    expect(requestProtocol(headers({}))).toBe("http");
  });
});
