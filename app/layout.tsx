import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Polls", template: "%s · Polls" },
  description: "Multi-tenant polls: every community gets its own site and its own database schema.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
