"use client";
// Scalar's API reference (bundled from npm, decision 029): it reads /api/openapi.json from this site and its
// "Test Request" client sends to this site's own origin. Everything that would call out of the site is off:
// Scalar's web fonts, telemetry, its request proxy and its hosted extras.
import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

export function ApiReference({ origin }: { origin: string }) {
  return (
    <ApiReferenceReact
      configuration={{
        url: "/api/openapi.json",
        servers: [{ url: origin, description: "This site" }],
        withDefaultFonts: false,
        telemetry: false,
        showDeveloperTools: "never",
        hideClientButton: false,
        mcp: { disabled: true },
        layout: "modern",
        theme: "default",
      }}
    />
  );
}
