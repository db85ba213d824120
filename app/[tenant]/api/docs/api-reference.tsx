"use client";
// Scalar's API reference (bundled from npm, decision 029): it reads /api/openapi.json from this site and its
// "Test Request" client sends to this site's own origin. Everything that would call out of the site is off:
// Scalar's web fonts, telemetry, its request proxy and its hosted extras (the AI agent, the hosted client).
// It evaluates code at run time, so this one page's CSP adds 'unsafe-eval' (proxy.ts).
import { ApiReferenceReact } from "@scalar/api-reference-react";
import { useSyncExternalStore, type ReactNode } from "react";
import "@scalar/api-reference-react/style.css";

const noSubscription = () => () => {};

/** `fallback`: what the server renders for a reader without JavaScript; replaced by the reference once it runs. */
export function ApiReference({ origin, fallback }: { origin: string; fallback: ReactNode }) {
  // False on the server and while hydrating, true once the page runs in a browser.
  const running = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!running) return fallback;
  return (
    <ApiReferenceReact
      configuration={{
        url: "/api/openapi.json",
        servers: [{ url: origin, description: "This site" }],
        withDefaultFonts: false,
        telemetry: false,
        showDeveloperTools: "never",
        hideClientButton: true,
        mcp: { disabled: true },
        agent: { disabled: true },
        defaultOpenAllTags: true,
        layout: "modern",
        theme: "default",
      }}
    />
  );
}
