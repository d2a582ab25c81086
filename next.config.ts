import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() for signed-in members whose role does not reach a console page (lib/auth/dal.ts).
  experimental: { authInterrupts: true },
  serverExternalPackages: ["better-sqlite3"],
  // The database and its migrations are read at run time from the project folder.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
};

export default nextConfig;
