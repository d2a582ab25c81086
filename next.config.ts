import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3"],
  // The database and its migrations are read at run time from the project folder.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
};

export default nextConfig;
