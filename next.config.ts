import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() for signed-in members whose role does not reach a console page (services/auth/dal.ts).
  // A logo over its 512 KB limit must still reach the upload action, which explains the limit (core/logo.ts).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "4mb" } },
  serverExternalPackages: ["better-sqlite3"],
  // Metadata is never streamed, for any User-Agent: the page cache strips Next's scripts (server.ts), and
  // streamed metadata would then never reach <head> (services/page-cache.ts, docs/page-cache.md).
  htmlLimitedBots: /.*/,
  // The database and its migrations are read at run time from the project folder.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
};

export default nextConfig;
