import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    serverActions: {
      bodySizeLimit: "2mb",
      allowedOrigins: ["ops.glenmore-creamery.ie", "localhost:3000"],
    },
  },
  async redirects() {
    return [{ source: "/", destination: "/intake", permanent: false }];
  },
};

export default nextConfig;
