import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Plant Ops · Glenmore Creamery", template: "%s · Plant Ops" },
  description: "Operations app for the Glenmore Creamery dairy plant",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-IE">
      <body>{children}</body>
    </html>
  );
}
